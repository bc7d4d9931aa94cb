/**
 * The read side's integrity check: do the stored overlay instructions still match what
 * the factor events say should be drawn? Compared at the overlay head, over its window.
 */
import { definitionKey, type MarkerDefinition, type PolylineDefinition } from '../domain/overlayInstruction';
import { timeframeSecondsOf } from '../domain/series';
import type { FactorStore, OverlayStore } from '../ports';
import { PEN_POLYLINE_ID, desiredInstructions, windowStart } from './overlayInstructions';

export interface IntegrityReport {
  ok: boolean;
  checked_at: number;
  /** Expected but not stored (e.g. a deleted instruction). */
  missing: string[];
  /** Stored but not expected (e.g. drawn under an old factor definition). */
  unexpected: string[];
  /** Stored with a different definition (e.g. an altered instruction). */
  changed: string[];
}

export async function checkOverlayIntegrity(
  factors: FactorStore,
  overlays: OverlayStore,
  seriesId: string,
  at: number,
  windowCandles: number,
): Promise<IntegrityReport> {
  const start = windowStart(at, windowCandles, timeframeSecondsOf(seriesId));
  const [events, markersStored, polylineStored] = await Promise.all([
    factors.events_visible_between(seriesId, start, at),
    overlays.latest_versions_visible_between(seriesId, start, at),
    overlays.latest_versions_of(seriesId, [PEN_POLYLINE_ID]),
  ]);
  const expected = new Map(desiredInstructions(events, start).map((i) => [i.instruction_id, i]));
  // A marker whose pivot lies before the window is out of scope, as in desiredInstructions:
  // it is still stored (drawn when the window reached further back) but no longer checked.
  const stored = new Map(
    [...markersStored].filter(([id, row]) => id !== PEN_POLYLINE_ID && (row.definition as MarkerDefinition).time >= start),
  );
  const polyline = polylineStored.get(PEN_POLYLINE_ID);
  // Likewise a polyline drawn entirely before the window (its pens all left it).
  if (polyline && (polyline.definition as PolylineDefinition).points.some((p) => p.time >= start)) {
    stored.set(PEN_POLYLINE_ID, polyline);
  }

  const missing: string[] = [];
  const changed: string[] = [];
  for (const [id, want] of expected) {
    const have = stored.get(id);
    if (!have) missing.push(id);
    else if (definitionKey(have.definition) !== definitionKey(want.definition)) changed.push(id);
  }
  const unexpected = [...stored.keys()].filter((id) => !expected.has(id));
  return { ok: !missing.length && !changed.length && !unexpected.length, checked_at: at, missing, unexpected, changed };
}
