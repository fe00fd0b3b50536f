import { z } from 'zod';

// The server's Content-Security-Policy forbids eval; zod would probe `new Function` to compile fast
// parsers and trip a CSP violation. Parsing here is rare (a few messages), so the plain path is fine.
z.config({ jitless: true });
