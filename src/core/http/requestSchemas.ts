/**
 * Request bodies of the simulated HTTP layer, validated with valibot. A bad request
 * answers 422 with messages that name the field (`candles[3].high: …`) and writes nothing.
 */
import * as v from 'valibot';
import { TIMEFRAMES, isOnGrid, timeframeOf } from '../domain/series';

export const MAX_BATCH_CANDLES = 20000;
/** How many series one `/lab/pipeline/run` takes. */
export const MAX_RUN_SERIES = 5;
const MAX_PRICE = 1e12;

const price = (field: string) =>
  v.pipe(
    v.number(`${field} must be a number`),
    v.finite(`${field} must be finite`),
    v.minValue(0, `${field} must not be negative`),
    v.maxValue(MAX_PRICE, `${field} must be at most ${MAX_PRICE}`),
  );

export const SeriesIdSchema = v.pipe(
  v.string('series_id must be a string'),
  v.nonEmpty('series_id is required'),
  v.maxLength(128, 'series_id must be at most 128 characters'),
  v.regex(/^[A-Za-z0-9_.\-/]+(:[A-Za-z0-9_.\-/]+)+$/, 'series_id must look like exchange:market:SYMBOL:timeframe'),
  v.check(
    (id) => timeframeOf(id) !== undefined,
    `series_id must end in a known timeframe (${TIMEFRAMES.join(', ')})`,
  ),
);

export const CandleSchema = v.pipe(
  v.object(
    {
      candle_time: v.pipe(
        v.number('candle_time must be a number'),
        v.finite('candle_time must be finite'),
        v.integer('candle_time must be whole unix seconds'),
        v.minValue(0, 'candle_time must not be negative'),
        v.maxValue(4102444800, 'candle_time must be before 2100'),
      ),
      open: price('open'),
      high: price('high'),
      low: price('low'),
      close: price('close'),
      volume: price('volume'),
    },
    'candle must be an object',
  ),
  v.check((c) => c.high >= c.low, 'high must be ≥ low'),
  v.check((c) => c.high >= Math.max(c.open, c.close), 'high must be ≥ open and close'),
  v.check((c) => c.low <= Math.min(c.open, c.close), 'low must be ≤ open and close'),
);

export const CandleClosedRequestSchema = v.object(
  { series_id: SeriesIdSchema, candle: CandleSchema },
  'body must be an object',
);

export const CandlesClosedBatchRequestSchema = v.object(
  {
    series_id: SeriesIdSchema,
    candles: v.pipe(
      v.array(CandleSchema, 'candles must be an array'),
      v.minLength(1, 'candles must hold at least one candle'),
      v.maxLength(MAX_BATCH_CANDLES, `candles must hold at most ${MAX_BATCH_CANDLES} candles`),
    ),
    publish_ws: v.optional(v.boolean('publish_ws must be true or false'), true),
  },
  'body must be an object',
);

export const DrawDeltaQuerySchema = v.object(
  {
    series_id: SeriesIdSchema,
    at_time: v.optional(v.pipe(v.number('at_time must be a number'), v.finite(), v.integer('at_time must be whole unix seconds'), v.minValue(0, 'at_time must not be negative'))),
    cursor_version_id: v.optional(v.pipe(v.number('cursor_version_id must be a number'), v.integer('cursor_version_id must be whole'), v.minValue(0, 'cursor_version_id must not be negative')), 0),
  },
  'query must be an object',
);

export const RepairOverlayRequestSchema = v.object(
  {
    series_id: SeriesIdSchema,
    to_time: v.optional(
      v.nullable(
        v.pipe(v.number('to_time must be a number'), v.finite('to_time must be finite'), v.integer('to_time must be whole unix seconds'), v.minValue(0, 'to_time must not be negative')),
      ),
    ),
  },
  'body must be an object',
);

export interface FieldError {
  loc: string;
  msg: string;
}

/** A failed check: where (a path like `candles[3].high`) and what is wrong. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.loc}: ${e.msg}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || 'body';
}

/**
 * valibot reports a missing key with the enclosing object's message ("body must be an
 * object"), which misleads: say which field is missing instead.
 */
function messageOf(issue: v.BaseIssue<unknown>): string {
  const missingKey = issue.type === 'object' && issue.input === undefined && issue.expected?.startsWith('"');
  return missingKey ? `${pathOf(issue)} is required` : issue.message;
}

export function parseRequest<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (!result.success) {
    throw new RequestValidationError(result.issues.slice(0, 20).map((i) => ({ loc: pathOf(i), msg: messageOf(i) })));
  }
  return result.output;
}

/** Candle times must lie on the series' timeframe grid (checked after the shape). */
export function checkOnGrid(seriesId: string, candles: { candle_time: number }[], field: (i: number) => string): void {
  const errors: FieldError[] = [];
  candles.forEach((c, i) => {
    if (!isOnGrid(seriesId, c.candle_time)) {
      errors.push({ loc: field(i), msg: `candle_time ${c.candle_time} is not on the ${timeframeOf(seriesId)} grid` });
    }
  });
  if (errors.length > 0) throw new RequestValidationError(errors.slice(0, 20));
}

/**
 * The lab's own route for the ingest supervisor's path (not an HTTP route of the real
 * backend): one `IngestPipeline.run` over several series at once.
 */
export const PipelineRunRequestSchema = v.object(
  {
    batches: v.pipe(
      v.record(SeriesIdSchema, v.pipe(v.array(CandleSchema, 'candles must be an array'), v.maxLength(MAX_BATCH_CANDLES))),
      v.check((b) => Object.keys(b).length >= 1 && Object.keys(b).length <= MAX_RUN_SERIES, `batches must hold 1 to ${MAX_RUN_SERIES} series`),
    ),
    publish: v.optional(v.boolean('publish must be true or false'), true),
  },
  'body must be an object',
);
