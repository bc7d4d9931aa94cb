/**
 * `MarketIngestService`: the HTTP layer over the pipeline. On `IngestPipelineError` it
 * emits the full error as a debug event, counts it by step and answers 500 with the
 * stable detail `ingest_pipeline_failed:<step>:<series_id>`.
 */
import type { ClosedCandle } from '../domain/candle';
import type { DebugHub } from '../debug/debugHub';
import type { Metrics } from '../debug/metrics';
import { IngestPipelineError } from '../pipeline/ingestPipelineError';
import { PublishError, type IngestPipeline, type IngestPipelineResult, type PipelineObserver } from '../pipeline/ingestPipeline';
import { ServiceError } from './serviceError';

export interface CandleClosedResponse {
  ok: true;
  series_id: string;
  candle_time: number;
}

export interface CandlesClosedBatchResponse {
  ok: true;
  series_id: string;
  count: number;
  first_candle_time: number;
  last_candle_time: number;
}

type IngestEventBase = 'write.http.ingest_candle_closed' | 'write.http.ingest_candles_closed_batch';

export class MarketIngestService {
  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly debug: DebugHub,
    private readonly metrics: Metrics,
  ) {}

  async ingest_candle_closed(seriesId: string, candle: ClosedCandle, observer?: PipelineObserver): Promise<CandleClosedResponse> {
    await this.runPipeline('write.http.ingest_candle_closed', seriesId, [candle], true, observer);
    return { ok: true, series_id: seriesId, candle_time: candle.candle_time };
  }

  async ingest_candles_closed_batch(
    seriesId: string,
    candles: ClosedCandle[],
    publishWs: boolean,
    observer?: PipelineObserver,
  ): Promise<CandlesClosedBatchResponse> {
    const result = await this.runPipeline('write.http.ingest_candles_closed_batch', seriesId, candles, publishWs, observer);
    const stored = result.series_batches[0]?.candles ?? [];
    return {
      ok: true,
      series_id: seriesId,
      count: stored.length,
      first_candle_time: stored[0]!.candle_time,
      last_candle_time: stored[stored.length - 1]!.candle_time,
    };
  }

  private async runPipeline(
    base: IngestEventBase,
    seriesId: string,
    candles: ClosedCandle[],
    publish: boolean,
    observer?: PipelineObserver,
  ): Promise<IngestPipelineResult> {
    const route = base.replace('write.http.', '');
    this.debug.emit({
      pipe: 'write',
      event: `${base}_start`,
      series_id: seriesId,
      data: { series_id: seriesId, count: candles.length, first_candle_time: candles[0]?.candle_time, last_candle_time: candles[candles.length - 1]?.candle_time },
    });
    let result: IngestPipelineResult;
    try {
      result = await this.pipeline.run({ [seriesId]: candles }, { publish, observer });
    } catch (e) {
      if (e instanceof IngestPipelineError) {
        this.debug.emit({
          pipe: 'write',
          event: `${base}_error`,
          series_id: seriesId,
          level: 'error',
          message: e.message,
          data: {
            step: e.step,
            series_id: e.series_id,
            error: e.message,
            compensated: e.compensated,
            overlay_compensated: e.overlay_compensated,
            candle_compensated_rows: e.candle_compensated_rows,
            compensation_error: e.compensation_error,
          },
        });
        this.metrics.inc('market_ingest_requests_total', { route, result: 'error' });
        this.metrics.inc('market_ingest_pipeline_errors_total', { step: e.step });
        throw new ServiceError(500, `ingest_pipeline_failed:${e.step}:${e.series_id}`, 'market.ingest_pipeline_failed');
      }
      if (e instanceof PublishError) {
        // SPEC is silent on strict publishing: we answer 500 with its own code, and say
        // that the candles are committed (only the notification failed).
        this.debug.emit({ pipe: 'write', event: `${base}_publish_error`, series_id: seriesId, level: 'error', message: e.message, data: { series_id: e.series_id, error: e.causeText } });
        this.metrics.inc('market_ingest_requests_total', { route, result: 'error' });
        throw new ServiceError(500, `ingest_publish_failed:${e.series_id}`, 'market.ingest_publish_failed');
      }
      throw e;
    }
    this.debug.emit({
      pipe: 'write',
      event: `${base}_done`,
      series_id: seriesId,
      data: {
        series_id: seriesId,
        steps: result.steps.map((s) => ({ name: s.name, ok: s.ok, duration_ms: s.duration_ms })),
        duration_ms: result.duration_ms,
        rebuilt_series: result.rebuilt_series,
      },
    });
    this.metrics.inc('market_ingest_requests_total', { route, result: 'ok' });
    return result;
  }
}
