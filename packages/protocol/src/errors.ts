import { z } from 'zod';

/** Every error code of the contract, with its HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** An extension: the path exists, the method does not (the `Allow` header lists those that do). */
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unknown_reference: 422,
  /** An extension: a report dated too far in the future (a device clock that is wrong). */
  clock_skew: 422,
  rate_limited: 429,
  /** Extensions (issue 16): the venue studio and the people and devices admin. */
  invalid_venue: 400,
  invalid_image: 400,
  stale_version: 409,
  removes_occupied: 409,
  exists: 409,
  last_admin: 409,
  too_large: 413,
  unsupported_image: 415,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A bad field; `code` (an extension, issue 16) says which rule it broke, for a translated message. */
export const ErrorDetail = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** The body of every non-2xx answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

type Issue = z.core.$ZodIssue;

/**
 * Turns a schema failure into the contract's `details`: one entry per bad field, path dotted. For a
 * value that matches no option of a union, the option it came closest to (fewest issues) speaks.
 */
export function detailsOf(error: z.ZodError): ErrorDetail[] {
  const flatten = (issue: Issue, prefix: PropertyKey[]): ErrorDetail[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
      return closest.flatMap((inner) => flatten(inner, path));
    }
    return [{ path: path.length ? path.map(String).join('.') : '(body)', message: issue.message }];
  };
  return error.issues.flatMap((issue) => flatten(issue, []));
}
