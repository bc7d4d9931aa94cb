/**
 * The explicit repair path (`POST /api/dev/repair/overlay`, the real
 * `read_models/repair_service.py`): push the chain with `refresh_series`, reset the
 * overlay, redraw it, then verify both heads reached the aligned time.
 */
import type { DebugHub } from '../debug/debugHub';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import type { OverlayOrchestrator } from '../overlay/overlayOrchestrator';
import type { IngestPipeline, PipelineObserver } from '../pipeline/ingestPipeline';
import { errorText } from '../pipeline/ingestPipelineError';
import type { CandleStore, FactorStore, OverlayStore } from '../ports';
import { ServiceError } from './serviceError';

export interface RepairOverlayResponse {
  ok: true;
  series_id: string;
  requested_time: number;
  aligned_time: number;
  factor_head_time: number | null;
  overlay_head_time: number | null;
  refreshed: boolean;
  steps: string[];
}

/** Progress of a repair, reported as it happens (the repair panel shows each step live). */
export interface RepairObserver extends PipelineObserver {
  repairStep?(name: string, status: 'start' | 'ok' | 'failed', detail?: Record<string, unknown>): void;
}

export interface RepairDeps {
  candles: CandleStore;
  factors: FactorStore;
  overlays: OverlayStore;
  pipeline: IngestPipeline;
  overlay: OverlayOrchestrator;
  flags: RuntimeFlags;
  debug: DebugHub;
}

export class RepairService {
  constructor(private readonly deps: RepairDeps) {}

  /** Which flag keeps the route closed, or null when it is open. */
  closedBy(): string | null {
    if (!this.deps.flags.enable_dev_api) return 'TRADE_CANVAS_ENABLE_DEV_API';
    if (!this.deps.flags.enable_read_repair_api) return 'TRADE_CANVAS_ENABLE_READ_REPAIR_API';
    return null;
  }

  async repair_overlay(seriesId: string, toTime: number | null | undefined, obs: RepairObserver = {}): Promise<RepairOverlayResponse> {
    const { candles, factors, overlays, pipeline, overlay, debug } = this.deps;
    if (this.closedBy()) throw new ServiceError(404, 'not_found', 'not_found');

    const requested = toTime ?? (await candles.head_time(seriesId));
    const aligned = requested === null ? null : await candles.floor_time(seriesId, requested);
    if (requested === null || aligned === null) {
      throw new ServiceError(404, 'no_data', 'read_repair.no_data', { series_id: seriesId, requested_time: requested });
    }
    obs.repairStep?.('align', 'ok', { requested_time: requested, aligned_time: aligned });

    const steps: string[] = [];
    let current = 'refresh_series';
    try {
      obs.repairStep?.(current, 'start');
      const refreshed = await pipeline.refresh_series({ [seriesId]: aligned }, obs);
      steps.push(...refreshed.steps.map((s) => s.name));
      obs.repairStep?.(current, 'ok', { steps: refreshed.steps.map((s) => s.name) });

      current = 'overlay.reset_series';
      obs.repairStep?.(current, 'start');
      await overlay.reset_series(seriesId);
      steps.push(current);
      obs.repairStep?.(current, 'ok');

      current = 'overlay.ingest_closed';
      obs.repairStep?.(current, 'start');
      await overlay.ingest_closed(seriesId, aligned);
      steps.push(current);
      obs.repairStep?.(current, 'ok');
    } catch (e) {
      obs.repairStep?.(current, 'failed', { error: errorText(e) });
      throw new ServiceError(500, `overlay_repair_failed:${errorText(e)}`, 'read_repair.failed');
    }

    const factorHead = (await factors.state(seriesId)).head_time;
    const overlayHead = await overlays.head_time(seriesId);
    const heads = { aligned_time: aligned, factor_head_time: factorHead, overlay_head_time: overlayHead };
    if (factorHead === null || factorHead < aligned) {
      obs.repairStep?.('verify', 'failed', heads);
      throw new ServiceError(409, 'ledger_out_of_sync:factor', 'read_repair.ledger_out_of_sync', heads);
    }
    if (overlayHead === null || overlayHead < aligned) {
      obs.repairStep?.('verify', 'failed', heads);
      throw new ServiceError(409, 'ledger_out_of_sync:overlay', 'read_repair.ledger_out_of_sync', heads);
    }
    obs.repairStep?.('verify', 'ok', heads);

    debug.emit({
      pipe: 'read',
      event: 'read.http.overlay_repair',
      series_id: seriesId,
      message: 'overlay repaired',
      data: { series_id: seriesId, requested_time: requested, ...heads, steps },
    });
    return { ok: true, series_id: seriesId, requested_time: requested, ...heads, refreshed: true, steps };
  }
}
