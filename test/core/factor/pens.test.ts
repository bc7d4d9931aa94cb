/**
 * SPEC §2, pens: lines joining alternating major pivots. Same-direction pivots in a row
 * merge into the more extreme one; a pen is final (and visible) once the pivot after its
 * end is known. Hand-made pivots with answers worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { PivotEvent } from '../../../src/core/domain/factorEvent';
import { buildPens, comesAfter, penEndAnchor } from '../../../src/core/factor/pens';
import { at } from '../helpers/backend';

const piv = (direction: 'high' | 'low', i: number, price: number, visibleI = i + 1): PivotEvent => ({
  kind: 'pivot',
  level: 'major',
  direction,
  candle_time: at(i),
  visible_time: at(visibleI),
  price,
});

describe('buildPens', () => {
  it('joins alternating pivots; each pen becomes visible when the pivot after its end is seen', () => {
    const pens = buildPens(undefined, [piv('high', 1, 3), piv('low', 2, 1), piv('high', 4, 5), piv('low', 5, 0.2)]);
    expect(pens).toEqual([
      { kind: 'pen', direction: 'down', start_time: at(1), start_price: 3, end_time: at(2), end_price: 1, visible_time: at(5), candle_time: at(1) },
      { kind: 'pen', direction: 'up', start_time: at(2), start_price: 1, end_time: at(4), end_price: 5, visible_time: at(6), candle_time: at(2) },
    ]);
  });

  it('the last leg is not a pen yet: its end could still be replaced', () => {
    expect(buildPens(undefined, [piv('high', 1, 3), piv('low', 2, 1)])).toEqual([]);
  });

  it('merges pivots of one direction into the most extreme, keeping when the slot was first seen', () => {
    const pens = buildPens(undefined, [
      piv('low', 0, 1),
      piv('high', 2, 3, 3),
      piv('high', 4, 7, 5), // more extreme: replaces the high at 2
      piv('high', 6, 6, 7), // less extreme: ignored
      piv('low', 8, 2, 9),
      piv('high', 10, 4, 11),
    ]);
    expect(pens.map((p) => [p.direction, p.start_time, p.end_time, p.end_price, p.visible_time])).toEqual([
      // Visible when the high slot was first seen (at(3)), not when it was replaced.
      ['up', at(0), at(4), 7, at(9)],
      ['down', at(4), at(8), 2, at(11)],
    ]);
  });

  it('continues from an anchor (the end of the last stored pen), which is never replaced', () => {
    const anchor = penEndAnchor({ kind: 'pen', direction: 'up', start_time: at(0), start_price: 1, end_time: at(4), end_price: 7, visible_time: at(9), candle_time: at(0) });
    expect(anchor).toEqual({ direction: 'high', candle_time: at(4), price: 7, visible_time: at(9) });
    const pens = buildPens(anchor, [piv('high', 5, 9), piv('low', 8, 2), piv('high', 10, 4)]);
    expect(pens.map((p) => [p.direction, p.start_time, p.start_price, p.end_time])).toEqual([['down', at(4), 7, at(8)]]);
  });
});

describe('comesAfter (the order pens are built in)', () => {
  const anchorHigh = { direction: 'high' as const, candle_time: at(4), price: 5, visible_time: at(5) };
  const anchorLow = { ...anchorHigh, direction: 'low' as const };
  it('later candles come after; earlier ones do not', () => {
    expect(comesAfter(piv('high', 5, 1), anchorHigh)).toBe(true);
    expect(comesAfter(piv('low', 3, 1), anchorHigh)).toBe(false);
  });
  it('at the anchor’s own candle only the low after a high anchor', () => {
    expect(comesAfter(piv('low', 4, 1), anchorHigh)).toBe(true);
    expect(comesAfter(piv('high', 4, 1), anchorHigh)).toBe(false);
    expect(comesAfter(piv('high', 4, 1), anchorLow)).toBe(false);
    expect(comesAfter(piv('low', 4, 1), anchorLow)).toBe(false);
  });
});
