/**
 * Minimal versus range rollback. For a failed batch, what the pipeline's compensation
 * deleted (only `new_candle_times`) beside what a naive "delete everything in the
 * batch's time range" would have deleted: every older candle in that range too.
 * Computed from the snapshot before the run; nothing is deleted.
 */
import type { CandleRow } from '../domain/candle';
import type { RunTrace } from './runTrace';

export interface RollbackComparison {
  series_id: string;
  range: { from: number; to: number };
  /** What minimal compensation deletes (or would delete, with the flag on). */
  minimal: number[];
  /** What a range delete would delete. */
  naive: number[];
  /** Older candles the naive delete would lose, history that was never this batch's to undo. */
  history_lost: number[];
}

export function compareRollbacks(beforeCandles: readonly CandleRow[], trace: RunTrace): RollbackComparison[] {
  return trace.stored.map((write) => {
    const batch = batchTimes(trace, write.series_id);
    const from = Math.min(...batch);
    const to = Math.max(...batch);
    const olderInRange = beforeCandles
      .filter((c) => c.series_id === write.series_id && c.candle_time >= from && c.candle_time <= to)
      .map((c) => c.candle_time);
    const naive = [...new Set([...olderInRange, ...write.new_candle_times])].sort((a, b) => a - b);
    return {
      series_id: write.series_id,
      range: { from, to },
      minimal: [...write.new_candle_times].sort((a, b) => a - b),
      naive,
      history_lost: olderInRange.sort((a, b) => a - b),
    };
  });
}

function batchTimes(trace: RunTrace, seriesId: string): number[] {
  const write = trace.stored.find((w) => w.series_id === seriesId);
  return write ? [...write.existing_times, ...write.new_candle_times] : [];
}
