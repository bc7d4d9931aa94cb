/**
 * Pivot detection: a candle is a pivot high when its high beats every high within
 * `window` candles on each side (ties go to the earlier candle), a pivot low likewise.
 * A pivot is confirmed by the candle `window` places after it, so it is "visible" from
 * that candle's time on.
 */
import type { ClosedCandle } from '../domain/candle';
import type { PivotEvent, PivotLevel } from '../domain/factorEvent';

/**
 * Pivots confirmed by candles at index `firstNewIndex` or later of `candles`
 * (ascending). Earlier candles are lookback: they can be inside a window but cannot
 * confirm a pivot (their pivots were found by an earlier run).
 */
export function detectPivots(
  candles: readonly ClosedCandle[],
  window: number,
  level: PivotLevel,
  firstNewIndex: number,
): PivotEvent[] {
  const out: PivotEvent[] = [];
  const start = Math.max(firstNewIndex - window, window);
  for (let i = start; i + window < candles.length; i++) {
    const c = candles[i]!;
    let isHigh = true;
    let isLow = true;
    for (let j = i - window; j <= i + window && (isHigh || isLow); j++) {
      if (j === i) continue;
      const o = candles[j]!;
      // Strict against the left side, non-strict against the right: of equal extremes the
      // earlier candle is the pivot, so each extreme is found exactly once.
      if (j < i ? o.high >= c.high : o.high > c.high) isHigh = false;
      if (j < i ? o.low <= c.low : o.low < c.low) isLow = false;
    }
    const visible_time = candles[i + window]!.candle_time;
    if (isHigh) out.push({ kind: 'pivot', level, direction: 'high', candle_time: c.candle_time, visible_time, price: c.high });
    if (isLow) out.push({ kind: 'pivot', level, direction: 'low', candle_time: c.candle_time, visible_time, price: c.low });
  }
  return out;
}
