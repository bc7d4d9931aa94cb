/**
 * The run view's step table, read from a trace: the three steps per series of the
 * request, each ok, failed or not reached, with what compensation did to it. Pure
 * presentation of what the backend reported; nothing here decides pipeline behaviour.
 */
import type { IngestStep, RunTrace } from '../../core';
import { requestSeries } from './requestBatches';

export const STEP_ORDER: readonly IngestStep[] = ['store.upsert_many_closed', 'factor.ingest_closed', 'overlay.ingest_closed'];

export type StepState = 'ok' | 'failed' | 'not_reached';

export interface TimelineRow {
  series_id: string;
  step: IngestStep;
  /** `factor.ingest_closed:<series_id>` */
  name: string;
  state: StepState;
  duration_ms: number | null;
  error: string | null;
  /** Overlay reset done for this failed step (compensation). */
  overlay_reset: 'ok' | 'failed' | null;
  /** New rows of this series' store step deleted again by compensation. */
  rows_rolled_back: number;
  /** The delete of new_candle_times was attempted and failed. */
  delete_failed: boolean;
}

export interface Timeline {
  rows: TimelineRow[];
  crash: RunTrace['crash'];
}

export function stepTimeline(trace: RunTrace): Timeline {
  const rows: TimelineRow[] = [];
  for (const series_id of requestSeries(trace.request)) {
    const comp = trace.compensation.find((c) => c.series_id === series_id);
    for (const step of STEP_ORDER) {
      const name = `${step}:${series_id}`;
      const done = trace.steps.find((s) => s.name === name);
      const failedHere = done?.status === 'failed';
      rows.push({
        series_id,
        step,
        name,
        state: done ? done.status : 'not_reached',
        duration_ms: done ? done.duration_ms : null,
        error: done?.error ?? null,
        overlay_reset: failedHere && comp?.overlay_reset_attempted ? (comp.overlay_compensated ? 'ok' : 'failed') : null,
        rows_rolled_back: step === 'store.upsert_many_closed' ? (comp?.candle_compensated_rows ?? 0) : 0,
        delete_failed: step === 'store.upsert_many_closed' && !!comp?.candle_delete_attempted && comp.candle_compensated_rows === 0 && !!comp.compensation_error,
      });
    }
  }
  return { rows, crash: trace.crash };
}
