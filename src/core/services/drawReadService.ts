/**
 * The draw read (`GET /api/draw/delta`). It aligns the requested time to the candle
 * store and refuses with 409 `ledger_out_of_sync:overlay` when the overlay head is
 * missing or behind, or when the integrity check fails. It never repairs on its own.
 */
import type { DebugHub } from '../debug/debugHub';
import type { OverlayVersionRow } from '../domain/overlayInstruction';
import { timeframeSecondsOf } from '../domain/series';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import { checkOverlayIntegrity, type IntegrityReport } from '../overlay/overlayIntegrity';
import { windowStart } from '../overlay/overlayInstructions';
import type { CandleStore, FactorStore, OverlayStore } from '../ports';
import { ServiceError } from './serviceError';

export interface DrawDeltaResponse {
  series_id: string;
  requested_time: number | null;
  to_candle_time: number | null;
  overlay_head_time: number | null;
  instructions: OverlayVersionRow[];
  next_cursor: { version_id: number };
}

export type OutOfSyncReason = 'overlay_head_missing' | 'overlay_head_behind' | 'overlay_integrity_mismatch';

export class DrawReadService {
  constructor(
    private readonly candles: CandleStore,
    private readonly factors: FactorStore,
    private readonly overlays: OverlayStore,
    private readonly flags: RuntimeFlags,
    private readonly debug: DebugHub,
  ) {}

  async draw_delta(seriesId: string, atTime: number | undefined, cursorVersionId: number): Promise<DrawDeltaResponse> {
    const requested = atTime ?? (await this.candles.head_time(seriesId));
    const aligned = requested === null ? null : await this.candles.floor_time(seriesId, requested);
    const overlayHead = await this.overlays.head_time(seriesId);
    const empty = { series_id: seriesId, requested_time: requested, to_candle_time: aligned, overlay_head_time: overlayHead, instructions: [], next_cursor: { version_id: cursorVersionId } };
    if (aligned === null) return empty;

    if (overlayHead === null || overlayHead < aligned) {
      this.outOfSync(seriesId, overlayHead === null ? 'overlay_head_missing' : 'overlay_head_behind', requested, aligned, overlayHead);
    }
    const report = await checkOverlayIntegrity(this.factors, this.overlays, seriesId, overlayHead!, this.flags.overlay_window_candles);
    if (!report.ok) this.outOfSync(seriesId, 'overlay_integrity_mismatch', requested, aligned, overlayHead, report);

    const start = windowStart(aligned, this.flags.overlay_window_candles, timeframeSecondsOf(seriesId));
    const active = await this.overlays.latest_versions_visible_between(seriesId, start, aligned);
    const instructions = [...active.values()]
      .filter((row) => (row.version_id ?? 0) > cursorVersionId)
      .sort((a, b) => (a.version_id ?? 0) - (b.version_id ?? 0));
    const maxVersion = Math.max(cursorVersionId, ...[...active.values()].map((r) => r.version_id ?? 0));
    return { ...empty, instructions, next_cursor: { version_id: maxVersion } };
  }

  private outOfSync(
    seriesId: string,
    reason: OutOfSyncReason,
    requested: number | null,
    aligned: number,
    overlayHead: number | null,
    report?: IntegrityReport,
  ): never {
    const data = {
      series_id: seriesId,
      reason,
      requested_time: requested,
      aligned_time: aligned,
      overlay_head_time: overlayHead,
      ...(report ? { missing: report.missing, unexpected: report.unexpected, changed: report.changed } : {}),
      hint: 'explicit repair needed: POST /api/dev/repair/overlay',
    };
    this.debug.emit({
      pipe: 'read',
      event: 'read.http.draw_delta.overlay_out_of_sync',
      series_id: seriesId,
      level: 'warn',
      message: `ledger_out_of_sync:overlay (${reason})`,
      data,
    });
    throw new ServiceError(409, 'ledger_out_of_sync:overlay', 'draw.ledger_out_of_sync', data);
  }
}
