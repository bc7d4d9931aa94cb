/**
 * Factor events: what `factor.ingest_closed` computes from stored candles.
 *
 * A pivot is a candle whose high (or low) is the extreme of the `window` candles on
 * each side. It is only known once `window` later candles exist, so it carries both the
 * pivot's own time and `visible_time`, the time of the candle that confirmed it.
 * A pen joins two alternating major pivots (high → low → high …).
 */
export type PivotLevel = 'major' | 'minor';
export type PivotDirection = 'high' | 'low';

export interface PivotEvent {
  kind: 'pivot';
  level: PivotLevel;
  direction: PivotDirection;
  /** Time of the pivot candle. */
  candle_time: number;
  /** Time of the candle that confirmed the pivot. */
  visible_time: number;
  price: number;
}

export interface PenEvent {
  kind: 'pen';
  direction: 'up' | 'down';
  start_time: number;
  start_price: number;
  end_time: number;
  end_price: number;
  /** Time of the candle that confirmed the pen's end pivot as final. */
  visible_time: number;
  /** For the store: pens are keyed by their start time. */
  candle_time: number;
}

export type FactorEvent = PivotEvent | PenEvent;

/** A stored factor event. `id` is assigned by the store. */
export type FactorEventRow = FactorEvent & { id?: number; series_id: string };

/** A stable key for an event: the same pivot or pen computed twice gets the same key. */
export function factorEventKey(e: FactorEvent): string {
  return e.kind === 'pivot'
    ? `pivot.${e.level}.${e.direction}:${e.candle_time}`
    : `pen:${e.start_time}`;
}
