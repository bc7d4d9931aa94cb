/**
 * SPEC §3, input normalisation: series in ascending id order; duplicates by candle_time
 * collapse to the last one given; candles ascend by time; empty series are dropped; each
 * batch's up_to_candle_time is its last candle time.
 */
import { describe, expect, it } from 'vitest';
import { normalizeBatches } from '../../../src/core/pipeline/normalizeBatches';
import { SID_A, SID_B, SID_C, at, candle } from '../helpers/backend';

describe('normalizeBatches', () => {
  it('orders series by ascending id, whatever order they were given in', () => {
    const out = normalizeBatches({ [SID_C]: [candle(at(0), 2, 1)], [SID_A]: [candle(at(0), 2, 1)], [SID_B]: [candle(at(0), 2, 1)] });
    expect(out.map((b) => b.series_id)).toEqual([SID_A, SID_B, SID_C]);
  });

  it('accepts a Map and orders it the same way', () => {
    const input = new Map([
      [SID_B, [candle(at(1), 2, 1)]],
      [SID_A, [candle(at(2), 2, 1)]],
    ]);
    expect(normalizeBatches(input).map((b) => b.series_id)).toEqual([SID_A, SID_B]);
  });

  it('keeps the last candle given for a duplicated time', () => {
    const first = candle(at(3), 10, 5);
    const last = candle(at(3), 20, 15, 99);
    const [batch] = normalizeBatches({ [SID_A]: [first, candle(at(4), 2, 1), last] });
    expect(batch!.candles.filter((c) => c.candle_time === at(3))).toEqual([last]);
    expect(batch!.candles).toHaveLength(2);
  });

  it('sorts candles by ascending time and sets up_to_candle_time to the last one', () => {
    const [batch] = normalizeBatches({ [SID_A]: [candle(at(5), 2, 1), candle(at(1), 2, 1), candle(at(3), 2, 1)] });
    expect(batch!.candles.map((c) => c.candle_time)).toEqual([at(1), at(3), at(5)]);
    expect(batch!.up_to_candle_time).toBe(at(5));
  });

  it('drops a series with no candles', () => {
    const out = normalizeBatches({ [SID_A]: [], [SID_B]: [candle(at(0), 2, 1)] });
    expect(out.map((b) => b.series_id)).toEqual([SID_B]);
    expect(normalizeBatches({ [SID_A]: [] })).toEqual([]);
  });

  it('does not change the caller’s arrays', () => {
    const given = [candle(at(2), 2, 1), candle(at(1), 2, 1), candle(at(2), 3, 1)];
    const copy = structuredClone(given);
    normalizeBatches({ [SID_A]: given });
    expect(given).toEqual(copy);
  });
});
