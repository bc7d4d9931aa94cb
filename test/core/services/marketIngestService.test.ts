/**
 * SPEC §5, MarketIngestService (the HTTP layer): success bodies; on IngestPipelineError a
 * `write.http.*_error` debug event with every field, a metric labelled by step, and 500
 * `ingest_pipeline_failed:<step>:<series_id>` with code market.ingest_pipeline_failed;
 * start and done events; no debug events at all while the debug API is off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, overlappingBatch, type DebugEvent } from '../../../src/core/index';
import type { PublishedEvent } from '../../../src/core/pipeline/candleHub';
import {
  DEBUG_ENV,
  FLAG,
  REPAIR_ENV,
  SID,
  SMALL_WINDOWS,
  at,
  candles,
  closeBackends,
  drawDelta,
  openBackend,
  postBatch,
  repair,
} from '../helpers/backend';

afterEach(closeBackends);

const ROUTES = [
  {
    name: 'candle_closed',
    event: 'write.http.ingest_candle_closed',
    send: (b: Awaited<ReturnType<typeof openBackend>>, c = candles(1, 2, at(30))) =>
      b.post('/api/market/ingest/candle_closed', { series_id: SID, candle: c[0] }),
  },
  {
    name: 'candles_closed_batch',
    event: 'write.http.ingest_candles_closed_batch',
    send: (b: Awaited<ReturnType<typeof openBackend>>, c = candles(3, 2, at(30))) => postBatch(b, SID, c),
  },
] as const;

describe('success', () => {
  it('candle_closed answers {ok, series_id, candle_time} and stores the candle', async () => {
    const backend = await openBackend();
    const [c] = candles(1, 3, at(7));
    const res = await backend.post('/api/market/ingest/candle_closed', { series_id: SID, candle: c });
    expect(res).toEqual({ status: 200, body: { ok: true, series_id: SID, candle_time: at(7) } });
    expect(await backend.candles.all(SID)).toEqual([c]);
  });

  it('candles_closed_batch answers {ok, series_id, count, first_candle_time, last_candle_time}', async () => {
    const backend = await openBackend();
    const res = await postBatch(backend, SID, candles(5, 3, at(2)));
    expect(res).toEqual({ status: 200, body: { ok: true, series_id: SID, count: 5, first_candle_time: at(2), last_candle_time: at(6) } });
  });

  it('publish_ws=false stores without publishing; the default publishes', async () => {
    const backend = await openBackend();
    const events: PublishedEvent[] = [];
    backend.hub.subscribe((e) => events.push(e));
    await postBatch(backend, SID, candles(3, 3, at(0)), false);
    expect(events).toEqual([]);
    expect(await backend.candles.count(SID)).toBe(3);
    await backend.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles: candles(2, 3, at(3)) });
    expect(events.map((e) => e.type)).toEqual(['candles_closed_batch']);
  });

  it.each(ROUTES)('$name emits _start then _done with the step list and durations', async (route) => {
    const backend = await openBackend();
    await route.send(backend);
    const events = backend.debug.list();
    expect(events.map((e) => e.event)).toEqual([`${route.event}_start`, `${route.event}_done`]);
    const done = events[1]!;
    expect(done).toMatchObject({ pipe: 'write', level: 'info', series_id: SID });
    const steps = done.data.steps as { name: string; ok: boolean; duration_ms: number }[];
    expect(steps.map((s) => s.name)).toEqual([`store.upsert_many_closed:${SID}`, `factor.ingest_closed:${SID}`, `overlay.ingest_closed:${SID}`]);
    expect(steps.every((s) => s.ok && Number.isInteger(s.duration_ms) && s.duration_ms >= 0)).toBe(true);
    expect(done.data.duration_ms).toBeGreaterThanOrEqual(steps.reduce((n, s) => n + s.duration_ms, 0));
  });
});

describe('IngestPipelineError → 500', () => {
  it.each(ROUTES)('$name: 500 with only the stable detail and code', async (route) => {
    const backend = await openBackend();
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const res = await route.send(backend);
    expect(res).toEqual({
      status: 500,
      body: { detail: `ingest_pipeline_failed:factor.ingest_closed:${SID}`, code: 'market.ingest_pipeline_failed' },
    });
  });

  it.each(ROUTES)('$name: the error event carries every field, with the full error', async (route) => {
    const clock = new ManualClock(1_000_000, 1);
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1', [FLAG.compensateOverlay]: '1' }, { clock });
    await postBatch(backend, SID, candles(30, 2, at(0)));
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    backend.faults.arm({ point: 'overlay.reset_series', trigger: { mode: 'once' } });
    const before = clock.nowMs();
    await route.send(backend);
    const after = clock.nowMs();
    const errors = backend.debug.list().filter((e) => e.event === `${route.event}_error`);
    expect(errors).toHaveLength(1);
    const ev: DebugEvent = errors[0]!;
    const n = route.name === 'candle_closed' ? 1 : 3;
    const full =
      `ingest_pipeline_failed:overlay.ingest_closed:${SID}:injected fault at overlay.ingest_closed` +
      `:compensated:candle_rows:${n}:compensation_error:injected fault at overlay.reset_series`;
    expect(ev).toEqual({
      seq: expect.any(Number),
      ts_ms: expect.any(Number),
      source: 'backend',
      pipe: 'write',
      event: `${route.event}_error`,
      series_id: SID,
      level: 'error',
      message: full,
      data: {
        step: 'overlay.ingest_closed',
        series_id: SID,
        error: full,
        compensated: true,
        overlay_compensated: false,
        candle_compensated_rows: n,
        compensation_error: 'injected fault at overlay.reset_series',
      },
    });
    expect(ev.ts_ms).toBeGreaterThan(before);
    expect(ev.ts_ms).toBeLessThan(after);
    // The start event came first; there is no done event for a failed run.
    expect(backend.debug.list().slice(-2).map((e) => e.event)).toEqual([`${route.event}_start`, `${route.event}_error`]);
  });

  it('counts errors by step and requests by route and result', async () => {
    const backend = await openBackend();
    const m = () => backend.service.metrics;
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'nth', n: 1 } });
    await ROUTES[0].send(backend);
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    await ROUTES[1].send(backend);
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    await ROUTES[1].send(backend);
    backend.faults.arm({ point: 'store.upsert_many_closed', trigger: { mode: 'once' } });
    await ROUTES[1].send(backend);
    await ROUTES[1].send(backend, candles(2, 5, at(40)));

    expect(m().get('market_ingest_pipeline_errors_total', { step: 'factor.ingest_closed' })).toBe(2);
    expect(m().get('market_ingest_pipeline_errors_total', { step: 'overlay.ingest_closed' })).toBe(1);
    expect(m().get('market_ingest_pipeline_errors_total', { step: 'store.upsert_many_closed' })).toBe(1);
    expect(m().get('market_ingest_requests_total', { route: 'ingest_candle_closed', result: 'error' })).toBe(1);
    expect(m().get('market_ingest_requests_total', { route: 'ingest_candles_closed_batch', result: 'error' })).toBe(3);
    expect(m().get('market_ingest_requests_total', { route: 'ingest_candles_closed_batch', result: 'ok' })).toBe(1);
    expect(m().list().map(([k]) => k)).toContain('market_ingest_pipeline_errors_total{step="factor.ingest_closed"}');
  });

  it('the request trace carries the full error for the run view', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1' });
    const history = candles(10, 2, at(0));
    await postBatch(backend, SID, history);
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const trace = await backend.send({
      method: 'POST',
      path: '/api/market/ingest/candles_closed_batch',
      body: { series_id: SID, candles: overlappingBatch(SID, history, 2, 3, 4) },
    });
    expect(trace.error).toMatchObject({ step: 'factor.ingest_closed', series_id: SID, compensated: true, candle_compensated_rows: 3 });
    expect(trace.steps.map((s) => [s.step, s.status])).toEqual([
      ['store.upsert_many_closed', 'ok'],
      ['factor.ingest_closed', 'failed'],
    ]);
  });
});

describe('TRADE_CANVAS_ENABLE_DEBUG_API off', () => {
  it('no debug event anywhere, while the answers and the metrics are unchanged', async () => {
    const backend = await openBackend({ ...SMALL_WINDOWS, [FLAG.dev]: '1', [FLAG.repair]: '1', [FLAG.logicVersion]: 'v1' });
    const ok = await postBatch(backend, SID, candles(30, 2, at(0)));
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    const failed = await postBatch(backend, SID, candles(3, 2, at(30)));
    const draw = await drawDelta(backend, SID);
    const repaired = await repair(backend, SID);
    // A fingerprint rebuild would emit factor.fingerprint.rebuild with the hub on.
    await backend.restart({ ...SMALL_WINDOWS, [FLAG.logicVersion]: 'v2' });
    const rebuilt = await backend.send({ method: 'POST', path: '/api/market/ingest/candle_closed', body: { series_id: SID, candle: candles(1, 2, at(33))[0] } });

    expect([ok.status, failed.status, draw.status, repaired.status, rebuilt.response.status]).toEqual([200, 500, 409, 200, 200]);
    expect(backend.debug.list()).toEqual([]);
    expect(rebuilt.debug_events).toEqual([]);
    expect(await backend.db.debug_events.count()).toBe(0);
  });

  it('the same requests with the flag on do emit them (so the check above can fail)', async () => {
    const backend = await openBackend({ ...REPAIR_ENV });
    await postBatch(backend, SID, candles(30, 2, at(0)));
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    await postBatch(backend, SID, candles(3, 2, at(30)));
    await drawDelta(backend, SID);
    await repair(backend, SID);
    const names = backend.debug.list().map((e) => e.event);
    expect(names).toEqual(
      expect.arrayContaining([
        'write.http.ingest_candles_closed_batch_done',
        'write.http.ingest_candles_closed_batch_error',
        'read.http.draw_delta.overlay_out_of_sync',
        'read.http.overlay_repair',
      ]),
    );
    expect(await backend.db.debug_events.count()).toBe(names.length);
  });
});
