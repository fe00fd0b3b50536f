import { crossCheckVenue } from './checks.ts';
import { Venue } from './schema.ts';

/** A venue that fails its schema or its cross-checks; `problems` holds one `path: message` per bad field. */
export class VenueError extends Error {
  override readonly name = 'VenueError';

  constructor(
    readonly problems: readonly string[],
    /** The file the venue came from, when it came from one. */
    readonly file?: string,
  ) {
    super(`venue file${file === undefined ? '' : ` ${file}`} is invalid: ${problems.join('; ')}`);
  }
}

/**
 * Validates an untrusted venue (parsed JSON) against the schema, then against the rules the schema
 * cannot express (see `crossCheckVenue`). Throws a `VenueError` naming every bad field by its path.
 */
export function parseVenue(json: unknown): Venue {
  const result = Venue.safeParse(json);
  if (!result.success) {
    throw new VenueError(result.error.issues.map((issue) => `${issue.path.join('.') || '(venue)'}: ${issue.message}`));
  }
  const problems = crossCheckVenue(result.data);
  if (problems.length > 0) throw new VenueError(problems);
  return result.data;
}

/**
 * Reads and validates a venue JSON file (synchronously: it runs once at start-up). Unreadable files,
 * JSON syntax errors and invalid venues all throw a `VenueError` naming the file.
 */
export function loadVenueFile(path: string): Venue {
  let json: unknown;
  try {
    // Fetched when called, not imported: the dashboard bundles this package for the browser, where
    // a static `node:fs` import makes Vite warn and stub the module.
    const { readFileSync } = process.getBuiltinModule('node:fs');
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new VenueError([error instanceof Error ? error.message : String(error)], path);
  }
  try {
    return parseVenue(json);
  } catch (error) {
    if (error instanceof VenueError) throw new VenueError(error.problems, path);
    throw error;
  }
}
