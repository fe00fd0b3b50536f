import { z } from 'zod';
import { Instant } from './primitives.ts';

export const ROLES = ['operations', 'security', 'manager', 'admin', 'steward'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * The roles that see the whole floor (venue, live figures, incidents, sockets). A `steward` counts
 * people at the gates with a phone: it may post count reports and read its gates' figures, nothing else.
 */
export const FLOOR_ROLES = ['operations', 'security', 'manager', 'admin'] as const satisfies readonly Role[];

export const LoginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResult = z.object({ token: z.string(), role: Role, expiresAt: Instant });
export type LoginResult = z.infer<typeof LoginResult>;
