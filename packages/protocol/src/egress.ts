import { z } from 'zod';
import { Identifier, Instant } from './primitives.ts';

/** Most gates one what-if question may block. */
export const MAX_BLOCKED_GATES = 500;

/** `POST /api/v1/egress/what-if` (issue 18): times to clear if these gates were blocked; live state is not changed. */
export const WhatIfRequest = z.object({ blocked: z.array(Identifier).max(MAX_BLOCKED_GATES) });
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

export const WhatIfZone = z.object({
  /** Minutes with the blocks (null: no way out, or no route with known widths). */
  timeToClearMin: z.number().nullable(),
  /** Minutes now, live closures only. */
  liveMin: z.number().nullable(),
  overTarget: z.boolean(),
});
export const WhatIfAnswer = z.object({
  at: Instant,
  /** The gates blocked in the question plus those closed for real. */
  blocked: z.array(Identifier),
  floorMinutes: z.number().nullable(),
  liveFloorMinutes: z.number().nullable(),
  targetMinutes: z.number(),
  zones: z.record(z.string(), WhatIfZone),
});
export type WhatIfAnswer = z.infer<typeof WhatIfAnswer>;

/** `POST /api/v1/gates/:id/close` body and the `gate:close` command (issue 18). */
export const CloseGateRequest = z.object({ note: z.string().trim().min(1).max(500).optional() });
export const GateCloseCommand = z.object({ gate: Identifier, note: z.string().trim().min(1).max(500).optional() });
export const GateReopenCommand = z.object({ gate: Identifier });

/** A gate's closure state, as the close and reopen endpoints answer. */
export const GateClosureState = z.object({
  gate: Identifier,
  closed: z.boolean(),
  closedAt: Instant.nullable(),
  by: z.string().nullable(),
  note: z.string().optional(),
});
export type GateClosureState = z.infer<typeof GateClosureState>;
