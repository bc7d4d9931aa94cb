/**
 * Which candles a request carried, per series, read back from the request body the
 * client sent. The chart uses it to draw rolled-back candles as ghosts (their values are
 * gone from the store), the run view to list the series of a run.
 */
import type { ClosedCandle, HttpRequest } from '../../core';

export function requestBatches(req: HttpRequest): Record<string, ClosedCandle[]> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const path = req.path.split('?')[0];
  if (path === '/api/market/ingest/candles_closed_batch' && typeof body.series_id === 'string' && Array.isArray(body.candles)) {
    return { [body.series_id]: body.candles as ClosedCandle[] };
  }
  if (path === '/api/market/ingest/candle_closed' && typeof body.series_id === 'string' && body.candle) {
    return { [body.series_id]: [body.candle as ClosedCandle] };
  }
  if (path === '/lab/pipeline/run' && body.batches && typeof body.batches === 'object') {
    return body.batches as Record<string, ClosedCandle[]>;
  }
  return {};
}

/** Series a request is about, in the pipeline's order (ascending id). */
export function requestSeries(req: HttpRequest): string[] {
  const fromBatches = Object.keys(requestBatches(req));
  if (fromBatches.length > 0) return fromBatches.sort();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const id = typeof body.series_id === 'string' ? body.series_id : (req.query?.series_id as string | undefined);
  return typeof id === 'string' ? [id] : [];
}

export function isIngestPath(path: string): boolean {
  const bare = path.split('?')[0];
  return bare === '/api/market/ingest/candles_closed_batch' || bare === '/api/market/ingest/candle_closed' || bare === '/lab/pipeline/run';
}
