import L from 'leaflet';
import type { Incident, Severity } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { toLatLng } from '../floor-geometry.ts';
import { incidentPoint } from './places.ts';
import { SEVERITY_COLOURS } from './severity.ts';

const RADIUS: Record<Severity, number> = { low: 7, medium: 8, high: 10, critical: 12 };
const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * The unresolved incidents pinned on the floor map, coloured and sized by severity (escalated ones
 * ringed in white and drawn on top); made once per incident and restyled in place.
 */
export class IncidentMarkers {
  readonly #layers = new Map<string, L.CircleMarker>();
  readonly #renderer: L.Renderer;

  constructor(
    private readonly map: L.Map,
    private readonly venue: Venue,
    private readonly onselect: (id: string) => void,
  ) {
    map.createPane('incidents').style.zIndex = '550';
    this.#renderer = L.svg({ pane: 'incidents' });
  }

  sync(incidents: readonly Incident[], label: (incident: Incident) => string): void {
    const shown = incidents.filter((incident) => incident.status !== 'resolved').sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const keep = new Set<string>();
    for (const incident of shown) {
      const point = incidentPoint(this.venue, incident);
      if (!point) continue;
      keep.add(incident.id);
      const escalated = Boolean(incident.escalatedAt) && incident.status === 'open';
      const style: L.CircleMarkerOptions = {
        radius: RADIUS[incident.severity],
        color: escalated ? '#ffffff' : '#0b0f14',
        weight: escalated ? 4 : 2,
        fillColor: SEVERITY_COLOURS[incident.severity],
        fillOpacity: incident.status === 'open' ? 1 : 0.55,
      };
      let layer = this.#layers.get(incident.id);
      if (!layer) {
        layer = L.circleMarker(toLatLng(point), {
          ...style,
          pane: 'incidents',
          renderer: this.#renderer,
          className: `incident-marker incident-${incident.id}`,
        })
          .bindTooltip('', { direction: 'top' })
          .on('click', () => this.onselect(incident.id))
          .addTo(this.map);
        this.#layers.set(incident.id, layer);
      }
      layer.setLatLng(toLatLng(point)).setStyle(style).setRadius(RADIUS[incident.severity]);
      const element = layer.getElement();
      element?.setAttribute('data-severity', incident.severity);
      element?.setAttribute('data-status', incident.status);
      layer.setTooltipContent(textOf(label(incident)));
      layer.bringToFront();
    }
    for (const [id, layer] of this.#layers) {
      if (keep.has(id)) continue;
      layer.remove();
      this.#layers.delete(id);
    }
  }
}

/** Tooltip content as text: a description is typed by people, never read as HTML. */
function textOf(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  span.dir = 'auto';
  return span;
}
