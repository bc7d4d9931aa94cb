/**
 * Normalising the pipeline's input: series in ascending id order; within a series the
 * last candle given for a time wins, candles ascend by time; empty series are dropped.
 * Each batch gets `up_to_candle_time` = its last candle time.
 */
import type { ClosedCandle } from '../domain/candle';

export interface SeriesBatch {
  series_id: string;
  candles: ClosedCandle[];
  up_to_candle_time: number;
}

export type BatchInput = Record<string, readonly ClosedCandle[]> | Map<string, readonly ClosedCandle[]>;

export function normalizeBatches(input: BatchInput): SeriesBatch[] {
  const entries = input instanceof Map ? [...input.entries()] : Object.entries(input);
  const out: SeriesBatch[] = [];
  for (const [series_id, candles] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const byTime = new Map<number, ClosedCandle>();
    for (const c of candles) byTime.set(c.candle_time, c);
    if (byTime.size === 0) continue;
    const sorted = [...byTime.values()].sort((a, b) => a.candle_time - b.candle_time);
    out.push({ series_id, candles: sorted, up_to_candle_time: sorted[sorted.length - 1]!.candle_time });
  }
  return out;
}
