/**
 * `overlay.ingest_closed(series_id, up_to_candle_time)`: turns factor events into
 * drawing instructions and moves the overlay head. Versions are append-only; a new
 * version is written only for an instruction whose definition changed.
 *
 * The overlay never runs ahead of the factors: it draws up to min(up_to, factor head).
 * (The SPEC is silent here; we chose the reading that keeps "overlay head ≥ aligned"
 * meaning "the drawing reflects computed factors".)
 */
import { timeframeSecondsOf } from '../domain/series';
import { definitionKey, type OverlayInstruction } from '../domain/overlayInstruction';
import type { FaultInjector } from '../faults/faultInjector';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import type { FactorStore, OverlayStore } from '../ports';
import { desiredInstructions, windowStart } from './overlayInstructions';

export interface OverlayOrchestratorDeps {
  factors: FactorStore;
  overlays: OverlayStore;
  flags: RuntimeFlags;
  faults: FaultInjector;
}

export interface OverlayIngestResult {
  head_time: number | null;
  written_versions: number;
}

export class OverlayOrchestrator {
  constructor(private readonly deps: OverlayOrchestratorDeps) {}

  async ingest_closed(seriesId: string, upToCandleTime: number): Promise<OverlayIngestResult> {
    const { factors, overlays, flags, faults } = this.deps;
    faults.hit('overlay.ingest_closed', seriesId);
    const head = await overlays.head_time(seriesId);
    if (!flags.enable_overlay_ingest) return { head_time: head, written_versions: 0 };
    const factorHead = (await factors.state(seriesId)).head_time;
    if (factorHead === null) return { head_time: head, written_versions: 0 };
    const target = Math.min(upToCandleTime, factorHead);
    if (head !== null && target <= head) return { head_time: head, written_versions: 0 };

    const start = windowStart(target, flags.overlay_window_candles, timeframeSecondsOf(seriesId));
    // Only pivots that became visible since the head are new; pens are redrawn as one line.
    const fromVisible = head === null ? start : Math.max(start, head + 1);
    const [fresh, pens] = await Promise.all([
      factors.events_visible_between(seriesId, fromVisible, target),
      factors.pens_ending_from(seriesId, start),
    ]);
    const candidates = desiredInstructions(
      [...fresh.filter((e) => e.kind === 'pivot'), ...pens.filter((p) => p.visible_time <= target)],
      start,
    );
    const changed = await this.changedOnly(seriesId, candidates);
    await overlays.append_versions(seriesId, changed, target);
    return { head_time: target, written_versions: changed.length };
  }

  async reset_series(seriesId: string): Promise<void> {
    this.deps.faults.hit('overlay.reset_series', seriesId);
    await this.deps.overlays.reset_series(seriesId);
  }

  private async changedOnly(seriesId: string, instructions: OverlayInstruction[]): Promise<OverlayInstruction[]> {
    const latest = await this.deps.overlays.latest_versions_of(
      seriesId,
      instructions.map((i) => i.instruction_id),
    );
    return instructions.filter((i) => {
      const prev = latest.get(i.instruction_id);
      return !prev || definitionKey(prev.definition) !== definitionKey(i.definition);
    });
  }
}
