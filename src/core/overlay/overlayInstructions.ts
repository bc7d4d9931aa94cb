/**
 * What the overlay should draw, derived from factor events: a marker per pivot and one
 * polyline through the pens, over a window of recent candles. Both the overlay step and
 * the read side's integrity check use this, so they agree on what "correct" means.
 */
import type { FactorEventRow, PenEvent, PivotEvent } from '../domain/factorEvent';
import type { MarkerDefinition, OverlayInstruction } from '../domain/overlayInstruction';

export const PEN_POLYLINE_ID = 'pen.polyline';

export function markerId(p: PivotEvent): string {
  return `pivot.${p.level}.${p.direction}:${p.candle_time}`;
}

export function markerFor(p: PivotEvent): OverlayInstruction {
  const high = p.direction === 'high';
  const definition: MarkerDefinition = {
    time: p.candle_time,
    position: high ? 'above' : 'below',
    shape: p.level === 'minor' ? 'circle' : high ? 'arrow_down' : 'arrow_up',
    level: p.level,
    price: p.price,
    text: p.level === 'major' ? (high ? 'H' : 'L') : high ? 'h' : 'l',
  };
  return { instruction_id: markerId(p), kind: 'marker', visible_time: p.visible_time, definition };
}

/** One polyline through every pen in the window; undefined when there is none. */
export function penPolyline(pens: PenEvent[]): OverlayInstruction | undefined {
  if (pens.length === 0) return undefined;
  const sorted = [...pens].sort((a, b) => a.start_time - b.start_time);
  const points = [{ time: sorted[0]!.start_time, value: sorted[0]!.start_price }];
  for (const pen of sorted) points.push({ time: pen.end_time, value: pen.end_price });
  const visible_time = Math.max(...sorted.map((p) => p.visible_time));
  return { instruction_id: PEN_POLYLINE_ID, kind: 'polyline', visible_time, definition: { points } };
}

/** The first candle time inside the overlay window that ends at `at`. */
export function windowStart(at: number, windowCandles: number, timeframeSeconds: number): number {
  return at - (windowCandles - 1) * timeframeSeconds;
}

/**
 * The instructions the overlay should hold at `at`, from factor events visible in
 * [windowStart, at]. Markers whose pivot lies before the window are left out.
 */
export function desiredInstructions(events: FactorEventRow[], start: number): OverlayInstruction[] {
  const markers: OverlayInstruction[] = [];
  const pens: PenEvent[] = [];
  for (const e of events) {
    if (e.kind === 'pivot' && e.candle_time >= start) markers.push(markerFor(e));
    else if (e.kind === 'pen' && e.end_time >= start) pens.push(e);
  }
  const polyline = penPolyline(pens);
  return polyline ? [...markers, polyline] : markers;
}
