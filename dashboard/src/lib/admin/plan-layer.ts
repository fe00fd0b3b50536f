import L from 'leaflet';
import { planImageUrl } from './admin-api.ts';
import { planSvg, type Plan } from './plan.ts';

/**
 * The floor-plan image on a CRS.Simple map (metres), in `pane`; `href` an object URL, or fetched with the
 * session's token. Returns the layer (to remove or replace) once the image is there; null when it failed.
 */
export async function addPlanLayer(map: L.Map, plan: Plan, pane: string, href?: string): Promise<L.SVGOverlay | null> {
  const url = href ?? (await planImageUrl(plan.image).catch(() => null));
  if (!url) return null;
  const { svg, south, west, north, east } = planSvg(plan, url);
  svg.setAttribute('data-testid', 'plan-image');
  svg.setAttribute('aria-hidden', 'true');
  return L.svgOverlay(svg, L.latLngBounds([south, west], [north, east]), { pane, interactive: false, opacity: 0.85 }).addTo(map);
}
