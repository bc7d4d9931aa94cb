/**
 * `IngestPipeline`: one ingest as observable steps, per series in id order:
 *   store.upsert_many_closed → factor.ingest_closed → overlay.ingest_closed
 * The first failure stops the whole run (later series are not touched; earlier ones stay
 * committed), is compensated minimally behind the flags and raised as an
 * `IngestPipelineError` that names the step and series.
 */
import type { Clock } from '../clock';
import type { FactorOrchestrator } from '../factor/factorOrchestrator';
import { SimulatedCrash, type FaultInjector } from '../faults/faultInjector';
import type { FaultPointId } from '../faults/faultPoints';
import type { RuntimeFlags } from '../flags/runtimeFlags';
import type { OverlayOrchestrator } from '../overlay/overlayOrchestrator';
import type { CandleStore } from '../ports';
import type { CandleHub, PublishMode } from './candleHub';
import { compensate, type CompensationOutcome } from './compensation';
import { IngestPipelineError, errorText, type IngestPipelineErrorFields, type IngestStep } from './ingestPipelineError';
import { normalizeBatches, type BatchInput, type SeriesBatch } from './normalizeBatches';

export interface IngestStepResult {
  name: string;
  ok: boolean;
  duration_ms: number;
}

export interface IngestPipelineResult {
  series_batches: SeriesBatch[];
  rebuilt_series: string[];
  steps: IngestStepResult[];
  duration_ms: number;
}

/** What the store step learned about one series' batch. */
export interface StoreWrite {
  series_id: string;
  existing_times: number[];
  new_candle_times: number[];
}

/**
 * Everything a run did, as it happened. The run view and blast-radius checks read this;
 * the pipeline's behaviour does not depend on it.
 */
export interface PipelineObserver {
  stepOk?(step: IngestStepResult): void;
  stepFailed?(step: IngestStep, seriesId: string, error: string, durationMs: number): void;
  stored?(write: StoreWrite): void;
  overlayResetForRebuild?(seriesId: string): void;
  compensated?(seriesId: string, step: IngestStep, outcome: CompensationOutcome): void;
  crashed?(point: FaultPointId, seriesId: string): void;
  /** The structured error, just before it is raised. */
  raised?(error: IngestPipelineError): void;
  published?(seriesId: string, ok: boolean, error?: string): void;
}

export interface IngestPipelineDeps {
  candles: CandleStore;
  factor: FactorOrchestrator;
  overlay: OverlayOrchestrator;
  flags: RuntimeFlags;
  faults: FaultInjector;
  hub: CandleHub;
  clock: Clock;
  publishMode: PublishMode;
}

export interface RunOptions {
  publish?: boolean;
  observer?: PipelineObserver;
}

export class IngestPipeline {
  constructor(private readonly deps: IngestPipelineDeps) {}

  async run(input: BatchInput, options: RunOptions = {}): Promise<IngestPipelineResult> {
    const started = this.deps.clock.nowMs();
    const batches = normalizeBatches(input);
    const steps: IngestStepResult[] = [];
    const rebuilt = new Set<string>();
    const obs = options.observer ?? {};

    for (const batch of batches) {
      const write = await this.storeStep(batch, steps, obs);
      this.crashPoint('crash.after_store', batch.series_id, obs);
      await this.sideSteps(batch.series_id, batch.up_to_candle_time, write.new_candle_times, steps, rebuilt, obs);
    }
    const result: IngestPipelineResult = {
      series_batches: batches,
      rebuilt_series: [...rebuilt].sort(),
      steps,
      duration_ms: this.deps.clock.nowMs() - started,
    };
    if (options.publish !== false) this.publish(result, obs);
    return result;
  }

  /** Runs only the factor and overlay steps, for each series with a positive time (the repair flow's push). */
  async refresh_series(upToTimes: Record<string, number>, observer: PipelineObserver = {}): Promise<IngestPipelineResult> {
    const started = this.deps.clock.nowMs();
    const steps: IngestStepResult[] = [];
    const rebuilt = new Set<string>();
    const ids = Object.keys(upToTimes)
      .filter((id) => upToTimes[id]! > 0)
      .sort();
    for (const id of ids) await this.sideSteps(id, upToTimes[id]!, [], steps, rebuilt, observer);
    return { series_batches: [], rebuilt_series: [...rebuilt].sort(), steps, duration_ms: this.deps.clock.nowMs() - started };
  }

  private async storeStep(batch: SeriesBatch, steps: IngestStepResult[], obs: PipelineObserver): Promise<StoreWrite> {
    const { candles, faults } = this.deps;
    const name = 'store.upsert_many_closed' as const;
    const t0 = this.deps.clock.nowMs();
    try {
      faults.hit(name, batch.series_id);
      const { existing_times } = await candles.upsert_many_closed(batch.series_id, batch.candles, {
        midTransaction: () => faults.hit('store.upsert_many_closed.mid_transaction', batch.series_id),
      });
      const existing = new Set(existing_times);
      const write: StoreWrite = {
        series_id: batch.series_id,
        existing_times,
        new_candle_times: batch.candles.map((c) => c.candle_time).filter((t) => !existing.has(t)),
      };
      obs.stored?.(write);
      this.ok(`${name}:${batch.series_id}`, t0, steps, obs);
      return write;
    } catch (e) {
      obs.stepFailed?.(name, batch.series_id, errorText(e), this.deps.clock.nowMs() - t0);
      // One transaction: nothing was written, so nothing is compensated.
      throw this.raise(obs, {
        step: name,
        series_id: batch.series_id,
        cause: errorText(e),
        compensated: false,
        overlay_compensated: false,
        candle_compensated_rows: 0,
        compensation_error: null,
      });
    }
  }

  private async sideSteps(
    seriesId: string,
    upTo: number,
    newCandleTimes: number[],
    steps: IngestStepResult[],
    rebuilt: Set<string>,
    obs: PipelineObserver,
  ): Promise<void> {
    const { factor, overlay } = this.deps;
    await this.guarded('factor.ingest_closed', seriesId, newCandleTimes, steps, obs, async () => {
      const result = await factor.ingest_closed(seriesId, upTo);
      if (result.rebuilt) rebuilt.add(seriesId);
    });
    this.crashPoint('crash.after_factor', seriesId, obs);
    await this.guarded('overlay.ingest_closed', seriesId, newCandleTimes, steps, obs, async () => {
      // A rebuilt series' overlay was drawn under the old factor definition: drop it first.
      if (rebuilt.has(seriesId)) {
        await overlay.reset_series(seriesId);
        obs.overlayResetForRebuild?.(seriesId);
      }
      await overlay.ingest_closed(seriesId, upTo);
    });
  }

  private async guarded(
    step: IngestStep,
    seriesId: string,
    newCandleTimes: number[],
    steps: IngestStepResult[],
    obs: PipelineObserver,
    body: () => Promise<void>,
  ): Promise<void> {
    const t0 = this.deps.clock.nowMs();
    try {
      await body();
    } catch (e) {
      obs.stepFailed?.(step, seriesId, errorText(e), this.deps.clock.nowMs() - t0);
      const outcome = await compensate(
        {
          flags: this.deps.flags,
          candles: this.deps.candles,
          overlayReset: (id) => this.deps.overlay.reset_series(id),
          faults: this.deps.faults,
        },
        step,
        seriesId,
        newCandleTimes,
      );
      obs.compensated?.(seriesId, step, outcome);
      throw this.raise(obs, {
        step,
        series_id: seriesId,
        cause: errorText(e),
        compensated: outcome.overlay_compensated || outcome.candle_compensated_rows > 0,
        overlay_compensated: outcome.overlay_compensated,
        candle_compensated_rows: outcome.candle_compensated_rows,
        compensation_error: outcome.compensation_error,
      });
    }
    this.ok(`${step}:${seriesId}`, t0, steps, obs);
  }

  private raise(obs: PipelineObserver, fields: IngestPipelineErrorFields): IngestPipelineError {
    const error = new IngestPipelineError(fields);
    obs.raised?.(error);
    return error;
  }

  private ok(name: string, t0: number, steps: IngestStepResult[], obs: PipelineObserver): void {
    const step = { name, ok: true, duration_ms: this.deps.clock.nowMs() - t0 };
    steps.push(step);
    obs.stepOk?.(step);
  }

  private crashPoint(point: FaultPointId, seriesId: string, obs: PipelineObserver): void {
    if (!this.deps.faults.crashes(point, seriesId)) return;
    obs.crashed?.(point, seriesId);
    throw new SimulatedCrash(point, seriesId);
  }

  private publish(result: IngestPipelineResult, obs: PipelineObserver): void {
    const { hub, faults, publishMode } = this.deps;
    for (const batch of result.series_batches) {
      try {
        faults.hit('publish', batch.series_id);
        if (batch.candles.length === 1) {
          hub.publish({ type: 'candle_closed', series_id: batch.series_id, candle: batch.candles[0]! });
        } else {
          hub.publish({ type: 'candles_closed_batch', series_id: batch.series_id, candles: batch.candles });
        }
        if (result.rebuilt_series.includes(batch.series_id)) {
          hub.publish({ type: 'system', event: 'factor.rebuild', series_id: batch.series_id });
        }
        obs.published?.(batch.series_id, true);
      } catch (e) {
        obs.published?.(batch.series_id, false, errorText(e));
        if (publishMode === 'strict') throw new PublishError(batch.series_id, errorText(e));
      }
    }
  }
}

/** A strict-mode publishing failure: the data is committed, only the notification failed. */
export class PublishError extends Error {
  constructor(
    readonly series_id: string,
    readonly causeText: string,
  ) {
    super(`publish_failed:${series_id}:${causeText}`);
    this.name = 'PublishError';
  }
}
