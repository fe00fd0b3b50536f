import { z } from 'zod';
import { Instant } from './primitives.ts';

export const ROLES = ['operations', 'security', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResult = z.object({ token: z.string(), role: Role, expiresAt: Instant });
export type LoginResult = z.infer<typeof LoginResult>;
