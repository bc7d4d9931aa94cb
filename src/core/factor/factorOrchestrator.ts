/**
 * `factor.ingest_closed(series_id, up_to_candle_time)`: computes factor events from the
 * stored candles, incrementally from the factor head, and moves the head. When the
 * stored fingerprint no longer matches the settings, the series is rebuilt (SPEC §2).
 */
import type { DebugHub } from '../debug/debugHub';
import type { FactorEvent, PenEvent, PivotEvent } from '../domain/factorEvent';
import type { FaultInjector } from '../faults/faultInjector';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import type { CandleStore, FactorStore } from '../ports';
import { factorFingerprint } from './fingerprint';
import { buildPens, comesAfter, penEndAnchor } from './pens';
import { detectPivots } from './pivots';

export interface FactorIngestResult {
  rebuilt: boolean;
}

export interface FactorOrchestratorDeps {
  candles: CandleStore;
  factors: FactorStore;
  flags: RuntimeFlags;
  debug: DebugHub;
  faults: FaultInjector;
}

export class FactorOrchestrator {
  constructor(private readonly deps: FactorOrchestratorDeps) {}

  /** The fingerprint of the settings the service started with. */
  get fingerprint(): string {
    return factorFingerprint(this.deps.flags);
  }

  async ingest_closed(seriesId: string, upToCandleTime: number): Promise<FactorIngestResult> {
    const { factors, candles, flags, debug, faults } = this.deps;
    faults.hit('factor.ingest_closed', seriesId);
    if (!flags.enable_factor_ingest) return { rebuilt: false };

    const current = this.fingerprint;
    let state = await factors.state(seriesId);
    let rebuilt = false;
    if (state.fingerprint === null) {
      await factors.set_fingerprint(seriesId, current);
    } else if (state.fingerprint !== current && flags.enable_factor_fingerprint_rebuild) {
      const previous = state.fingerprint;
      await factors.clear_series(seriesId);
      const trimmed = await candles.trim_series_to_latest_n(seriesId, flags.factor_rebuild_keep_candles);
      await factors.set_fingerprint(seriesId, current);
      state = { series_id: seriesId, head_time: null, fingerprint: current };
      rebuilt = true;
      debug.emit({
        pipe: 'write',
        event: 'factor.fingerprint.rebuild',
        series_id: seriesId,
        level: 'warn',
        message: 'factor fingerprint changed: factors cleared and recomputed',
        data: {
          previous_fingerprint: previous,
          fingerprint: current,
          keep_candles: flags.factor_rebuild_keep_candles,
          trimmed_candles: trimmed,
        },
      });
    }
    await this.computeUpTo(seriesId, state.head_time, upToCandleTime);
    return { rebuilt };
  }

  /** New events for candles in (head, upTo], with a lookback of 2 × the widest window. */
  private async computeUpTo(seriesId: string, head: number | null, upTo: number): Promise<void> {
    const { factors, candles, flags } = this.deps;
    if (head !== null && upTo <= head) return;
    const widest = Math.max(flags.pivot_window_major, flags.pivot_window_minor);
    const lookback = head === null ? [] : await candles.last_candles_at_or_before(seriesId, head, 2 * widest);
    const fresh = await candles.candles_in_range(seriesId, head ?? -Infinity, upTo);
    const all = lookback.concat(fresh);
    const firstNew = lookback.length;

    const majors = detectPivots(all, flags.pivot_window_major, 'major', firstNew);
    const minors = detectPivots(all, flags.pivot_window_minor, 'minor', firstNew);
    const pens = await this.newPens(seriesId, majors);
    const events: FactorEvent[] = [...majors, ...minors, ...pens];
    await factors.append(seriesId, events, upTo);
  }

  private async newPens(seriesId: string, newMajors: PivotEvent[]): Promise<PenEvent[]> {
    const { factors } = this.deps;
    const lastPen = await factors.last_pen(seriesId);
    const anchor = lastPen && lastPen.kind === 'pen' ? penEndAnchor(lastPen) : undefined;
    // From the anchor's own candle: an outside bar is both a pivot high and a pivot low,
    // and the low of the anchor's candle may still follow a high anchor.
    const from = anchor ? anchor.candle_time : -Infinity;
    const stored = (await factors.major_pivots_from(seriesId, from)).filter(
      (e): e is PivotEvent & { series_id: string } => e.kind === 'pivot' && (!anchor || comesAfter(e, anchor)),
    );
    const majors = [...stored, ...newMajors].sort((a, b) => a.candle_time - b.candle_time);
    return buildPens(anchor, majors);
  }
}
