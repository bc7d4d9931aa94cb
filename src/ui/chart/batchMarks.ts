/**
 * What the chart marks for the last batch of a series: candles it wrote new (still
 * there), candles it overwrote, and candles compensation rolled back (gone from the store:
 * their values come from the request the client sent, so they can be drawn as ghosts).
 */
import type { ClosedCandle } from '../../core';
import { requestBatches } from '../state/requestBatches';
import type { RunRecord } from '../state/runRecord';

export interface BatchMarks {
  run_id: number | null;
  newTimes: number[];
  overwrittenTimes: number[];
  rolledBack: ClosedCandle[];
}

export const NO_MARKS: BatchMarks = { run_id: null, newTimes: [], overwrittenTimes: [], rolledBack: [] };

export function batchMarks(run: RunRecord | null, seriesId: string): BatchMarks {
  const write = run?.trace?.stored.find((w) => w.series_id === seriesId);
  if (!run?.trace || !write) return NO_MARKS;
  const rolled = new Set(run.blast.candles.find((v) => v.series_id === seriesId)?.rolled_back ?? []);
  // Duplicates in a batch collapse to the last one given, as the pipeline normalises them.
  const sent = new Map((requestBatches(run.trace.request)[seriesId] ?? []).map((c) => [c.candle_time, c]));
  return {
    run_id: run.id,
    newTimes: write.new_candle_times.filter((t) => !rolled.has(t)),
    overwrittenTimes: [...write.existing_times],
    rolledBack: [...rolled].sort((a, b) => a - b).flatMap((t) => (sent.has(t) ? [sent.get(t)!] : [])),
  };
}
