import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { ERROR_STATUS, detailsOf, type ErrorCode, type ErrorDetail } from '@fairwatch/protocol';
import type { z } from 'zod';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../store/store.ts';

/** An error the client may see: a contract code, a message, and the bad fields. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  static invalid(error: z.ZodError, message = 'the request does not match the schema'): ApiError {
    return new ApiError('invalid_request', message, detailsOf(error));
  }
}

/** Seconds a client should wait before retrying a write the store could not take. */
const RETRY_AFTER_S = '2';

/**
 * The one place errors become answers: contract codes for known errors, a 503 when the store is down,
 * and a bare 500 with a correlation id (logged with the stack) for everything else.
 */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw new ApiError('not_found', `no route for ${ctx.method} ${ctx.path}`);
      // The routers' allowedMethods() answer 405 (and 501 for methods no route knows) without a body.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) throw methodNotAllowed(ctx);
    } catch (caught) {
      const error = toApiError(caught, ctx, logger);
      ctx.status = error.status;
      if (error.headers) ctx.set(error.headers);
      ctx.body = { error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) } };
    }
  };
}

function methodNotAllowed(ctx: Context): ApiError {
  const allow = ctx.response.get('Allow');
  return new ApiError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}${allow ? `; allowed: ${allow}` : ''}`, undefined, allow ? { Allow: allow } : undefined);
}

function toApiError(caught: unknown, ctx: Context, logger: Logger): ApiError {
  if (caught instanceof ApiError) return caught;
  if (caught instanceof StoreUnavailableError) {
    logger.warn({ path: ctx.path, err: String(caught.cause ?? caught.message) }, 'store unavailable');
    return new ApiError('unavailable', 'the store cannot take writes now; nothing was applied, retry later', undefined, { 'Retry-After': RETRY_AFTER_S });
  }
  const status = (caught as { status?: unknown }).status;
  if (status === 405 || status === 501) return methodNotAllowed(ctx);
  const correlationId = randomUUID();
  logger.error({ err: caught, correlationId, path: ctx.path, method: ctx.method }, 'unexpected error');
  return new ApiError('internal', `internal error (correlation id ${correlationId})`);
}
