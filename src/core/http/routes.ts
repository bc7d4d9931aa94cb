/**
 * The route table: the page and the tests call these like a server. Each handler
 * validates its input (422 naming the field), calls a service and maps ServiceError to
 * its status. Route names and status codes are the backend's (SPEC §5–§7).
 */
import type { SimulatedService } from '../lab/simulatedService';
import type { RepairObserver } from '../services/repairService';
import { IngestPipelineError } from '../pipeline/ingestPipelineError';
import { ServiceError } from '../services/serviceError';
import type { ErrorBody, HttpMethod, HttpRequest, HttpResponse } from './httpTypes';
import {
  CandleClosedRequestSchema,
  CandlesClosedBatchRequestSchema,
  DrawDeltaQuerySchema,
  PipelineRunRequestSchema,
  RepairOverlayRequestSchema,
  RequestValidationError,
  checkOnGrid,
  parseRequest,
} from './requestSchemas';

interface RouteContext {
  service: SimulatedService;
  query: Record<string, unknown>;
  body: unknown;
  observer: RepairObserver;
}

type Handler = (ctx: RouteContext) => Promise<unknown>;

interface Route {
  method: HttpMethod;
  path: string;
  /** Dev routes do not exist unless `TRADE_CANVAS_ENABLE_DEV_API` is on. */
  dev?: boolean;
  handler: Handler;
}

export const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/api/market/ingest/candle_closed',
    handler: async ({ service, body, observer }) => {
      const req = parseRequest(CandleClosedRequestSchema, body);
      checkOnGrid(req.series_id, [req.candle], () => 'candle.candle_time');
      return service.ingest.ingest_candle_closed(req.series_id, req.candle, observer);
    },
  },
  {
    method: 'POST',
    path: '/api/market/ingest/candles_closed_batch',
    handler: async ({ service, body, observer }) => {
      const req = parseRequest(CandlesClosedBatchRequestSchema, body);
      checkOnGrid(req.series_id, req.candles, (i) => `candles[${i}].candle_time`);
      return service.ingest.ingest_candles_closed_batch(req.series_id, req.candles, req.publish_ws, observer);
    },
  },
  {
    method: 'GET',
    path: '/api/draw/delta',
    handler: async ({ service, query }) => {
      const q = parseRequest(DrawDeltaQuerySchema, query);
      return service.draw.draw_delta(q.series_id, q.at_time, q.cursor_version_id);
    },
  },
  {
    // Lab-only: how the market-data supervisor drives the pipeline, several series at once.
    method: 'POST',
    path: '/lab/pipeline/run',
    handler: async ({ service, body, observer }) => {
      const req = parseRequest(PipelineRunRequestSchema, body);
      for (const [seriesId, candles] of Object.entries(req.batches)) {
        checkOnGrid(seriesId, candles, (i) => `batches.${seriesId}[${i}].candle_time`);
      }
      try {
        const result = await service.pipeline.run(req.batches, { publish: req.publish, observer });
        return {
          ok: true,
          series: result.series_batches.map((b) => ({ series_id: b.series_id, count: b.candles.length, up_to_candle_time: b.up_to_candle_time })),
          rebuilt_series: result.rebuilt_series,
          steps: result.steps,
          duration_ms: result.duration_ms,
        };
      } catch (e) {
        // The supervisor sees the raw error: its full message, not the HTTP layer's short form.
        if (e instanceof IngestPipelineError) throw new ServiceError(500, e.message, 'ingest_pipeline_failed', { error: e.toFields() });
        throw e;
      }
    },
  },
  {
    method: 'POST',
    path: '/api/dev/repair/overlay',
    dev: true,
    handler: async ({ service, body, observer }) => {
      // The route is absent (404) before its body is even looked at.
      if (service.repair.closedBy()) throw new ServiceError(404, 'not_found', 'not_found');
      const req = parseRequest(RepairOverlayRequestSchema, body);
      return service.repair.repair_overlay(req.series_id, req.to_time, observer);
    },
  },
];

function errorResponse(status: number, body: ErrorBody): HttpResponse {
  return { status, body };
}

/** Splits `?a=1&b=x` off a path; numeric strings become numbers, as a query parser would. */
export function splitQuery(path: string, query: Record<string, unknown> = {}): { path: string; query: Record<string, unknown> } {
  const [bare, search] = path.split('?', 2) as [string, string | undefined];
  const merged: Record<string, unknown> = {};
  if (search) for (const [k, v] of new URLSearchParams(search)) merged[k] = v;
  Object.assign(merged, query);
  for (const [k, v] of Object.entries(merged)) {
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) merged[k] = Number(v);
    if (v === '') delete merged[k];
  }
  return { path: bare, query: merged };
}

export async function dispatch(service: SimulatedService, req: HttpRequest, observer: RepairObserver): Promise<HttpResponse> {
  const { path, query } = splitQuery(req.path, req.query);
  const candidates = ROUTES.filter((r) => r.path === path && (!r.dev || service.flags.enable_dev_api));
  if (candidates.length === 0) return errorResponse(404, { detail: 'not_found', code: 'not_found' });
  const route = candidates.find((r) => r.method === req.method);
  if (!route) return errorResponse(405, { detail: 'method_not_allowed', code: 'method_not_allowed' });
  try {
    const body = await route.handler({ service, query, body: req.body, observer });
    return { status: 200, body };
  } catch (e) {
    if (e instanceof RequestValidationError) {
      return errorResponse(422, { detail: `validation_error: ${e.message}`, code: 'validation_error', errors: e.errors });
    }
    if (e instanceof ServiceError) return errorResponse(e.status_code, { detail: e.detail, code: e.code, ...e.extra });
    throw e;
  }
}
