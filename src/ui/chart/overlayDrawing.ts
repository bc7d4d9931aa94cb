/**
 * The overlay as the store holds it: the latest version of each instruction (a marker per
 * pivot, one pen polyline). Drawn as stored, so a stale, missing or tampered overlay is
 * what the learner sees on the chart.
 */
import type { MarkerDefinition, OverlayVersionRow, PolylineDefinition } from '../../core/domain/overlayInstruction';

export interface OverlayDrawing {
  markers: (MarkerDefinition & { instruction_id: string })[];
  polyline: PolylineDefinition['points'];
}

export function overlayDrawing(versions: readonly OverlayVersionRow[]): OverlayDrawing {
  const latest = new Map<string, OverlayVersionRow>();
  for (const v of versions) {
    const have = latest.get(v.instruction_id);
    if (!have || (v.version_id ?? 0) > (have.version_id ?? 0)) latest.set(v.instruction_id, v);
  }
  const markers: OverlayDrawing['markers'] = [];
  let polyline: OverlayDrawing['polyline'] = [];
  for (const row of latest.values()) {
    if (row.kind === 'marker') markers.push({ ...(row.definition as MarkerDefinition), instruction_id: row.instruction_id });
    else polyline = [...(row.definition as PolylineDefinition).points];
  }
  markers.sort((a, b) => a.time - b.time);
  // A line series needs strictly ascending times.
  polyline = polyline.filter((p, i, all) => i === 0 || p.time > all[i - 1]!.time);
  return { markers, polyline };
}
