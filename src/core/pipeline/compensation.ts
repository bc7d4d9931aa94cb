/**
 * Minimal compensation after a factor or overlay failure (SPEC §4). It undoes only this
 * batch's own side effects, each behind its flag:
 * - overlay failed and `overlay_compensate_on_error`: `overlay.reset_series`, so no
 *   half-written drawing survives;
 * - factor or overlay failed and `candle_compensate_on_error`: delete exactly
 *   `new_candle_times`. Candles that existed before the batch stay, even the ones the
 *   batch overwrote (with the values the batch wrote).
 * A failure of either action does not stop the other; it is reported in
 * `compensation_error`, joined with "; ".
 */
import type { FaultInjector } from '../faults/faultInjector';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import type { CandleStore } from '../ports';
import { errorText, type IngestStep } from './ingestPipelineError';

export interface CompensationOutcome {
  overlay_compensated: boolean;
  candle_compensated_rows: number;
  compensation_error: string | null;
  /** What was attempted, for the run view. */
  overlay_reset_attempted: boolean;
  candle_delete_attempted: boolean;
  deleted_times: number[];
}

export interface CompensationDeps {
  flags: Pick<RuntimeFlags, 'overlay_compensate_on_error' | 'candle_compensate_on_error'>;
  candles: CandleStore;
  overlayReset: (seriesId: string) => Promise<void>;
  faults: FaultInjector;
}

export async function compensate(
  deps: CompensationDeps,
  failedStep: IngestStep,
  seriesId: string,
  newCandleTimes: readonly number[],
): Promise<CompensationOutcome> {
  const out: CompensationOutcome = {
    overlay_compensated: false,
    candle_compensated_rows: 0,
    compensation_error: null,
    overlay_reset_attempted: false,
    candle_delete_attempted: false,
    deleted_times: [],
  };
  // The store step is one transaction: when it fails there is nothing to undo.
  if (failedStep === 'store.upsert_many_closed') return out;
  const errors: string[] = [];

  if (failedStep === 'overlay.ingest_closed' && deps.flags.overlay_compensate_on_error) {
    out.overlay_reset_attempted = true;
    try {
      await deps.overlayReset(seriesId);
      out.overlay_compensated = true;
    } catch (e) {
      errors.push(errorText(e));
    }
  }

  if (deps.flags.candle_compensate_on_error && newCandleTimes.length > 0) {
    out.candle_delete_attempted = true;
    try {
      deps.faults.hit('store.delete_closed_times', seriesId);
      const deleted = await deps.candles.delete_closed_times(seriesId, [...newCandleTimes]);
      out.candle_compensated_rows = deleted;
      out.deleted_times = [...newCandleTimes];
    } catch (e) {
      errors.push(errorText(e));
    }
  }

  out.compensation_error = errors.length > 0 ? errors.join('; ') : null;
  return out;
}
