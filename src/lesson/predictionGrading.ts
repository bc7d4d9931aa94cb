/**
 * "Predict, then run": the learner's predictions are graded against the run that really
 * happened (its trace, and which candles are in the store afterwards).
 */
import type { LabBackend } from '../core/lab/labBackend';
import type { RunTrace } from '../core/lab/runTrace';
import type { PredictionItem } from './lessonTypes';

export interface PredictionGrade {
  item: string;
  predicted: string;
  actual: string;
  correct: boolean;
}

/** What a run really did, in the same words as the prediction options. */
export async function measureRun(backend: LabBackend, trace: RunTrace, measure: PredictionItem['measure']): Promise<string> {
  const body = trace.response.body as { detail?: unknown } | null;
  const write = trace.stored[0];
  switch (measure) {
    case 'status':
      return String(trace.response.status);
    case 'detail':
      return typeof body?.detail === 'string' ? body.detail : '';
    case 'new_candles_remain': {
      if (!write || write.new_candle_times.length === 0) return 'none_written';
      const present = await backend.candles.existing_closed_times(write.series_id, write.new_candle_times);
      return present.length === write.new_candle_times.length ? 'yes' : present.length === 0 ? 'no' : 'some';
    }
    case 'overwritten_candles_remain': {
      if (!write || write.existing_times.length === 0) return 'none_overwritten';
      const present = await backend.candles.existing_closed_times(write.series_id, write.existing_times);
      return present.length === write.existing_times.length ? 'yes' : 'no';
    }
    case 'overlay_compensated':
      return trace.error?.overlay_compensated ? 'yes' : 'no';
    case 'candle_compensated_rows':
      return String(trace.error?.candle_compensated_rows ?? 0);
  }
}

export async function gradePredictions(
  backend: LabBackend,
  trace: RunTrace,
  items: readonly PredictionItem[],
  predicted: Record<string, string>,
): Promise<PredictionGrade[]> {
  const grades: PredictionGrade[] = [];
  for (const item of items) {
    const actual = await measureRun(backend, trace, item.measure);
    const guess = predicted[item.id] ?? '';
    grades.push({ item: item.id, predicted: guess, actual, correct: guess === actual });
  }
  return grades;
}

/** Grades a choice answer: every correct option chosen and no wrong one. */
export function gradeChoice(options: readonly { id: string; correct: boolean }[], chosen: readonly string[]): boolean {
  const picked = new Set(chosen);
  return options.every((o) => o.correct === picked.has(o.id));
}
