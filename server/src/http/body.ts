import getRawBody from 'raw-body';
import type { Context } from 'koa';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** The contract's limit on request bodies. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Reads the body as text within the size limit (a large body is a 413), kept in `ctx.state.rawBody`. */
export async function readText(ctx: Context, limit = BODY_LIMIT_BYTES): Promise<string> {
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit, encoding: 'utf8', length: ctx.get('content-length') || undefined });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new ApiError('payload_too_large', `the body is larger than ${limit} bytes`);
    throw new ApiError('invalid_request', 'the body could not be read');
  }
  // Kept for what needs the exact bytes (signed device reports).
  ctx.state.rawBody = text;
  return text;
}

/** Reads and parses a JSON body within the size limit; malformed JSON is a 400, a large body a 413. */
export async function readJson(ctx: Context, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const text = await readText(ctx, limit);
  if (text.trim() === '') throw new ApiError('invalid_request', 'the body is empty; a JSON document is expected');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', 'the body is not valid JSON');
  }
}

/** Reads a JSON body and validates it against a schema. */
export async function readBody<T extends z.ZodType>(ctx: Context, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(ctx));
  if (!parsed.success) throw ApiError.invalid(parsed.error);
  return parsed.data;
}
