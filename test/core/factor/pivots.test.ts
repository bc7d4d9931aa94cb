/**
 * SPEC §2, pivots: a candle whose high (low) is the extreme of `window` candles on each
 * side, confirmed (visible) at the candle `window` places later. Hand-made candles with
 * answers worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { detectPivots } from '../../../src/core/factor/pivots';
import { at, candle } from '../helpers/backend';

/** Candles at(0), at(1), … from [high, low] pairs. */
const series = (hl: [number, number][]) => hl.map(([h, l], i) => candle(at(i), h, l));

describe('detectPivots', () => {
  // i:      0       1       2       3        4       5        6
  const zigzag = series([[1, 0.5], [3, 2], [2, 1], [2, 1.5], [5, 3], [4, 0.2], [6, 5]]);

  it('window 1: highs and lows beating both neighbours, visible one candle later', () => {
    expect(detectPivots(zigzag, 1, 'major', 0)).toEqual([
      { kind: 'pivot', level: 'major', direction: 'high', candle_time: at(1), visible_time: at(2), price: 3 },
      { kind: 'pivot', level: 'major', direction: 'low', candle_time: at(2), visible_time: at(3), price: 1 },
      { kind: 'pivot', level: 'major', direction: 'high', candle_time: at(4), visible_time: at(5), price: 5 },
      { kind: 'pivot', level: 'major', direction: 'low', candle_time: at(5), visible_time: at(6), price: 0.2 },
    ]);
  });

  it('window 2: only extremes of two candles on each side, visible two candles later', () => {
    // The window-1 pivots of `zigzag` are all beaten within two candles.
    expect(detectPivots(zigzag, 2, 'minor', 0)).toEqual([]);
    //                 0         1       2       3       4         5       6
    const wide = series([[1, 0.5], [2, 1], [5, 3], [3, 2], [2, 0.1], [4, 3], [6, 4]]);
    expect(detectPivots(wide, 2, 'minor', 0)).toEqual([
      { kind: 'pivot', level: 'minor', direction: 'high', candle_time: at(2), visible_time: at(4), price: 5 },
      { kind: 'pivot', level: 'minor', direction: 'low', candle_time: at(4), visible_time: at(6), price: 0.1 },
    ]);
  });

  it('needs `window` candles on both sides: the first and last candles are never pivots', () => {
    const rising = series([[9, 1], [2, 1.5], [3, 2.5], [4, 3.5], [10, 0.1]]);
    expect(detectPivots(rising, 1, 'major', 0)).toEqual([]);
  });

  it('of equal extremes the earlier candle is the pivot, found once', () => {
    const plateau = series([[1, 0.5], [3, 1], [3, 1], [1, 0.5]]);
    expect(detectPivots(plateau, 1, 'major', 0).filter((p) => p.direction === 'high').map((p) => p.candle_time)).toEqual([at(1)]);
  });

  it('an outside bar is both a pivot high and a pivot low, the high first', () => {
    const outside = series([[2, 1], [5, 0.5], [3, 1.5]]);
    expect(detectPivots(outside, 1, 'major', 0).map((p) => [p.direction, p.candle_time])).toEqual([
      ['high', at(1)],
      ['low', at(1)],
    ]);
  });

  it('with a lookback, reports only pivots confirmed by the new candles', () => {
    // Candles 0–3 are lookback (already computed): the pivot at 1 (confirmed by 2) and the
    // one at 2 (confirmed by 3) are not new; those confirmed by 4 onwards are.
    expect(detectPivots(zigzag, 1, 'major', 4).map((p) => [p.direction, p.candle_time, p.visible_time])).toEqual([
      ['high', at(4), at(5)],
      ['low', at(5), at(6)],
    ]);
  });
});
