/**
 * Writes src/fes-2022.json from the computed layout. Run from the workspace root:
 *   node --import tsx packages/venue/scripts/generate-fes.ts
 * The JSON is committed (it is what ships); a test fails when it drifts from the layout.
 */
import { writeFileSync } from 'node:fs';
import { parseVenue } from '../src/load.ts';
import { buildFesVenue } from './fes-layout.ts';
import { formatVenueJson } from './format-json.ts';

const venue = parseVenue(buildFesVenue());
const target = new URL('../src/fes-2022.json', import.meta.url);
writeFileSync(target, formatVenueJson(venue));
console.log(`wrote src/fes-2022.json: ${venue.zones.length} zones, ${venue.stands.length} stands, ${venue.gates.length} gates`);
