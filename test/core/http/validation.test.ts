/**
 * Bad requests answer 422 with a message that names the field, and write nothing: every
 * ledger table is unchanged, no debug event is emitted, nothing is published.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCandles, type ClosedCandle, type LabBackend } from '../../../src/core/index';
import { CandlesClosedBatchRequestSchema, MAX_BATCH_CANDLES, parseRequest } from '../../../src/core/http/requestSchemas';
import { REPAIR_ENV, SID, at, candles, closeBackends, errorBody, ingestOk, openBackend, readLedger } from '../helpers/backend';

afterEach(closeBackends);

const CC = '/api/market/ingest/candle_closed';
const BATCH = '/api/market/ingest/candles_closed_batch';
const good = candles(1, 9, at(40))[0]!;
const with_ = (patch: Record<string, unknown>) => ({ ...good, ...patch });
const batchOf = (...cs: unknown[]) => ({ series_id: SID, candles: cs });
const three = candles(3, 9, at(40));

interface Case {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  query?: Record<string, unknown>;
  loc: string;
  msg: RegExp;
}

const cases: Case[] = [
  { name: 'missing series id', path: CC, body: { candle: good }, loc: 'series_id', msg: /^series_id is required$/ },
  { name: 'missing series id (batch)', path: BATCH, body: { candles: three }, loc: 'series_id', msg: /^series_id is required$/ },
  { name: 'empty series id', path: CC, body: { series_id: '', candle: good }, loc: 'series_id', msg: /series_id is required/ },
  { name: 'series id of the wrong type', path: CC, body: { series_id: 7, candle: good }, loc: 'series_id', msg: /series_id must be a string/ },
  { name: 'unknown timeframe', path: CC, body: { series_id: 'binance:futures:BTC/USDT:2m', candle: good }, loc: 'series_id', msg: /known timeframe/ },
  { name: 'no timeframe segment', path: BATCH, body: { series_id: 'BTCUSDT', candles: three }, loc: 'series_id', msg: /series_id/ },
  { name: 'off-grid time', path: CC, body: { series_id: SID, candle: with_({ candle_time: at(40) + 30 }) }, loc: 'candle.candle_time', msg: /not on the 1m grid/ },
  { name: 'off-grid time in a batch', path: BATCH, body: batchOf(three[0], three[1], { ...three[2]!, candle_time: at(42) + 1 }), loc: 'candles[2].candle_time', msg: /not on the 1m grid/ },
  { name: 'off the 5m grid', path: CC, body: { series_id: 'binance:futures:BTC/USDT:5m', candle: with_({ candle_time: at(1) }) }, loc: 'candle.candle_time', msg: /5m grid/ },
  { name: 'fractional time', path: CC, body: { series_id: SID, candle: with_({ candle_time: at(40) + 0.5 }) }, loc: 'candle.candle_time', msg: /whole/ },
  { name: 'negative time', path: CC, body: { series_id: SID, candle: with_({ candle_time: -60 }) }, loc: 'candle.candle_time', msg: /negative/ },
  { name: 'NaN open', path: CC, body: { series_id: SID, candle: with_({ open: Number.NaN }) }, loc: 'candle.open', msg: /open/ },
  { name: 'Infinity high', path: CC, body: { series_id: SID, candle: with_({ high: Number.POSITIVE_INFINITY }) }, loc: 'candle.high', msg: /high must be finite/ },
  { name: '-Infinity low', path: BATCH, body: batchOf(three[0], { ...three[1]!, low: Number.NEGATIVE_INFINITY }), loc: 'candles[1].low', msg: /low must be finite/ },
  { name: 'negative volume', path: CC, body: { series_id: SID, candle: with_({ volume: -1 }) }, loc: 'candle.volume', msg: /volume must not be negative/ },
  { name: 'negative close', path: BATCH, body: batchOf({ ...three[0]!, close: -2 }), loc: 'candles[0].close', msg: /close must not be negative/ },
  { name: 'high below low', path: CC, body: { series_id: SID, candle: with_({ high: 1, low: 2, open: 1.5, close: 1.5 }) }, loc: 'candle', msg: /high must be ≥ low/ },
  { name: 'high below low in a batch', path: BATCH, body: batchOf(three[0], { ...three[1]!, high: 1, low: 2, open: 1.5, close: 1.5 }), loc: 'candles[1]', msg: /high must be ≥ low/ },
  { name: 'empty batch', path: BATCH, body: batchOf(), loc: 'candles', msg: /at least one/ },
  {
    name: 'batch over 20000',
    path: BATCH,
    body: { series_id: SID, candles: generateCandles({ seriesId: SID, startTime: at(100), count: MAX_BATCH_CANDLES + 1, seed: 1 }) },
    loc: 'candles',
    msg: /at most 20000/,
  },
  { name: 'time as a string', path: CC, body: { series_id: SID, candle: with_({ candle_time: String(at(40)) }) }, loc: 'candle.candle_time', msg: /candle_time must be a number/ },
  { name: 'missing price', path: CC, body: { series_id: SID, candle: { candle_time: at(40), open: 1, high: 2, low: 0.5, volume: 1 } }, loc: 'candle.close', msg: /^candle\.close is required$/ },
  { name: 'candle not an object', path: CC, body: { series_id: SID, candle: null }, loc: 'candle', msg: /candle must be an object/ },
  { name: 'candles not an array', path: BATCH, body: { series_id: SID, candles: { 0: good } }, loc: 'candles', msg: /candles must be an array/ },
  { name: 'publish_ws not a boolean', path: BATCH, body: { ...batchOf(good), publish_ws: 'yes' }, loc: 'publish_ws', msg: /publish_ws/ },
  { name: 'no body at all', path: BATCH, body: null, loc: 'body', msg: /body must be an object/ },
  { name: 'draw read: missing series id', path: '/api/draw/delta', method: 'GET', query: {}, loc: 'series_id', msg: /^series_id is required$/ },
  { name: 'missing candle', path: CC, body: { series_id: SID }, loc: 'candle', msg: /^candle is required$/ },
  { name: 'draw read: negative at_time', path: '/api/draw/delta', method: 'GET', query: { series_id: SID, at_time: -5 }, loc: 'at_time', msg: /at_time/ },
  { name: 'repair: unknown timeframe', path: '/api/dev/repair/overlay', body: { series_id: 'x:y:3m' }, loc: 'series_id', msg: /timeframe/ },
  { name: 'repair: to_time of the wrong type', path: '/api/dev/repair/overlay', body: { series_id: SID, to_time: 'soon' }, loc: 'to_time', msg: /to_time must be a number/ },
  { name: 'repair: negative to_time', path: '/api/dev/repair/overlay', body: { series_id: SID, to_time: -1 }, loc: 'to_time', msg: /to_time must not be negative/ },
];

describe('422 naming the field, nothing written', () => {
  let backend: LabBackend;
  let published = 0;
  beforeEach(async () => {
    backend = await openBackend(REPAIR_ENV);
    await ingestOk(backend, SID, candles(40, 2));
    published = 0;
    backend.hub.subscribe(() => published++);
  });

  it.each(cases)('$name → 422 at $loc', async (c) => {
    const before = await readLedger(backend);
    const debugBefore = backend.debug.lastSeq;
    const res = await backend.request(
      c.method === 'GET' ? { method: 'GET', path: c.path, query: c.query ?? {} } : { method: 'POST', path: c.path, body: c.body },
    );
    expect(res.status).toBe(422);
    const body = errorBody(res);
    expect(body.code).toBe('validation_error');
    const errors = body.errors as { loc: string; msg: string }[];
    expect(errors[0]!.loc).toBe(c.loc);
    expect(errors[0]!.msg).toMatch(c.msg);
    expect(body.detail).toContain(`${c.loc}: ${errors[0]!.msg}`);
    expect(await readLedger(backend)).toEqual(before);
    expect(backend.debug.lastSeq).toBe(debugBefore);
    expect(published).toBe(0);
  });

  it('the same requests with the field fixed are accepted (so each 422 is about that field)', async () => {
    expect((await backend.post(CC, { series_id: SID, candle: good })).status).toBe(200);
    expect((await backend.post(BATCH, batchOf(...candles(3, 9, at(41))))).status).toBe(200);
    expect((await backend.get('/api/draw/delta', { series_id: SID, at_time: at(5) })).status).toBe(200);
    expect((await backend.post('/api/dev/repair/overlay', { series_id: SID, to_time: at(5) })).status).toBe(200);
  });

  it('a query string is parsed like a server would (numbers from text)', async () => {
    const res = await backend.get(`/api/draw/delta?series_id=${encodeURIComponent(SID)}&at_time=${at(7) + 20}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requested_time: at(7) + 20, to_candle_time: at(7) });
  });
});

describe('batch size limits', () => {
  it('accepts exactly 20000 candles and refuses 20001', () => {
    const many: ClosedCandle[] = generateCandles({ seriesId: SID, startTime: at(0), count: MAX_BATCH_CANDLES + 1, seed: 2 });
    expect(parseRequest(CandlesClosedBatchRequestSchema, { series_id: SID, candles: many.slice(0, MAX_BATCH_CANDLES) }).candles).toHaveLength(20000);
    expect(() => parseRequest(CandlesClosedBatchRequestSchema, { series_id: SID, candles: many })).toThrow(/candles: candles must hold at most 20000/);
  });
});

describe('unknown routes', () => {
  it('404 for a path that does not exist, 405 for a wrong method', async () => {
    const backend = await openBackend();
    expect(await backend.post('/api/nope', {})).toEqual({ status: 404, body: { detail: 'not_found', code: 'not_found' } });
    expect(await backend.get(BATCH)).toEqual({ status: 405, body: { detail: 'method_not_allowed', code: 'method_not_allowed' } });
  });
});
