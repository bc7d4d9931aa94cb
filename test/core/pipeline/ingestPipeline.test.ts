/**
 * SPEC §3, the IngestPipeline: step order and names, durations, the first failure stops
 * the run (earlier series stay committed, later ones are not touched), rebuilt series
 * get their overlay reset before the overlay step, refresh_series, and publishing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/index';
import { IngestPipeline, PublishError, type PipelineObserver, type StoreWrite } from '../../../src/core/pipeline/ingestPipeline';
import type { PublishedEvent } from '../../../src/core/pipeline/candleHub';
import type { CandleStore } from '../../../src/core/ports';
import {
  DEBUG_ENV,
  FLAG,
  SID_A,
  SID_B,
  SID_C,
  at,
  candle,
  candles,
  closeBackends,
  heads,
  openBackend,
  pipelineError,
  postBatch,
  storedTimes,
} from '../helpers/backend';

afterEach(closeBackends);

const hist = (sid: string, n = 12, seed = 3) => candles(n, seed, at(0), sid);

describe('steps', () => {
  it('runs store → factor → overlay per series, in series id order, with the backend’s step names', async () => {
    const backend = await openBackend();
    const result = await backend.service.pipeline.run({ [SID_B]: hist(SID_B), [SID_A]: hist(SID_A) });
    expect(result.steps.map((s) => s.name)).toEqual([
      `store.upsert_many_closed:${SID_A}`,
      `factor.ingest_closed:${SID_A}`,
      `overlay.ingest_closed:${SID_A}`,
      `store.upsert_many_closed:${SID_B}`,
      `factor.ingest_closed:${SID_B}`,
      `overlay.ingest_closed:${SID_B}`,
    ]);
    expect(result.steps.every((s) => s.ok)).toBe(true);
    expect(result.series_batches.map((b) => [b.series_id, b.candles.length, b.up_to_candle_time])).toEqual([
      [SID_A, 12, at(11)],
      [SID_B, 12, at(11)],
    ]);
    expect(result.rebuilt_series).toEqual([]);
  });

  it('moves every head of every series to its up_to_candle_time', async () => {
    const backend = await openBackend();
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A, 12), [SID_B]: hist(SID_B, 9) });
    expect(await heads(backend, SID_A)).toEqual({ store: at(11), factor: at(11), overlay: at(11) });
    expect(await heads(backend, SID_B)).toEqual({ store: at(8), factor: at(8), overlay: at(8) });
    expect((await backend.factors.events_visible_between(SID_A, 0, at(11))).length).toBeGreaterThan(0);
  });

  it('measures each step with the service clock (duration_ms is the time spent inside the step)', async () => {
    const backend = await openBackend();
    const clock = new ManualClock(0, 0);
    // A candle store whose write takes 250 ms of (manual) time.
    const slow: CandleStore = Object.create(backend.candles) as CandleStore;
    slow.upsert_many_closed = async (...args) => {
      clock.advance(250);
      return backend.candles.upsert_many_closed(...args);
    };
    const pipeline = new IngestPipeline({
      candles: slow,
      factor: backend.service.factor,
      overlay: backend.service.overlay,
      flags: backend.flags,
      faults: backend.faults,
      hub: backend.hub,
      clock,
      publishMode: 'best_effort',
    });
    const result = await pipeline.run({ [SID_A]: hist(SID_A), [SID_B]: hist(SID_B) });
    expect(result.steps.map((s) => s.duration_ms)).toEqual([250, 0, 0, 250, 0, 0]);
    expect(result.duration_ms).toBe(500);
  });

  it('reports existing_times and new_candle_times of an overlapping batch', async () => {
    const backend = await openBackend();
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A, 10) });
    const writes: StoreWrite[] = [];
    const batch = candles(6, 9, at(7), SID_A); // at(7)..at(12): 3 overlap, 3 new
    await backend.service.pipeline.run({ [SID_A]: batch }, { observer: { stored: (w) => writes.push(w) } });
    expect(writes).toEqual([{ series_id: SID_A, existing_times: [at(7), at(8), at(9)], new_candle_times: [at(10), at(11), at(12)] }]);
  });
});

describe('normalised input reaches the store', () => {
  it('dedupe keeps the last candle given for a time', async () => {
    const backend = await openBackend();
    const first = candle(at(2), 10, 8);
    const last = candle(at(2), 30, 20, 77);
    await backend.service.pipeline.run({ [SID_A]: [candle(at(1), 5, 4), first, candle(at(3), 6, 5), last] });
    const stored = await backend.candles.all(SID_A);
    expect(stored.map((c) => c.candle_time)).toEqual([at(1), at(2), at(3)]);
    expect(stored[1]).toEqual(last);
  });

  it('through the batch route too: the answer counts unique candles', async () => {
    const backend = await openBackend();
    const last = candle(at(2), 30, 20, 77);
    const res = await postBatch(backend, SID_A, [candle(at(2), 10, 8), candle(at(1), 5, 4), last]);
    expect(res).toEqual({ status: 200, body: { ok: true, series_id: SID_A, count: 2, first_candle_time: at(1), last_candle_time: at(2) } });
    expect((await backend.candles.all(SID_A))[1]).toEqual(last);
  });
});

describe('the first failure stops the whole run', () => {
  async function threeSeries(point: 'store.upsert_many_closed' | 'factor.ingest_closed' | 'overlay.ingest_closed') {
    const backend = await openBackend();
    backend.faults.arm({ point, trigger: { mode: 'always' }, series_id: SID_B });
    const steps: string[] = [];
    const observer: PipelineObserver = { stepOk: (s) => steps.push(s.name) };
    const error = await pipelineError(
      backend.service.pipeline.run({ [SID_C]: hist(SID_C), [SID_B]: hist(SID_B), [SID_A]: hist(SID_A) }, { observer }),
    );
    return { backend, error, steps };
  }

  it('s1 failing at factor: the earlier series stays committed, s1’s candles stay, s2 is not stored', async () => {
    const { backend, error, steps } = await threeSeries('factor.ingest_closed');
    expect([error.step, error.series_id]).toEqual(['factor.ingest_closed', SID_B]);
    expect(await heads(backend, SID_A)).toEqual({ store: at(11), factor: at(11), overlay: at(11) });
    expect(await heads(backend, SID_B)).toEqual({ store: at(11), factor: null, overlay: null });
    expect(await backend.candles.count(SID_C)).toBe(0);
    expect(await heads(backend, SID_C)).toEqual({ store: null, factor: null, overlay: null });
    expect(steps).toEqual([
      `store.upsert_many_closed:${SID_A}`,
      `factor.ingest_closed:${SID_A}`,
      `overlay.ingest_closed:${SID_A}`,
      `store.upsert_many_closed:${SID_B}`,
    ]);
  });

  it('s1 failing at its store step: s1 and s2 have nothing, the earlier series stays', async () => {
    const { backend, error } = await threeSeries('store.upsert_many_closed');
    expect([error.step, error.series_id]).toEqual(['store.upsert_many_closed', SID_B]);
    expect(await backend.candles.count(SID_A)).toBe(12);
    expect(await backend.candles.count(SID_B)).toBe(0);
    expect(await backend.candles.count(SID_C)).toBe(0);
  });

  it('s1 failing at overlay: its factor head moved, its overlay head did not, s2 untouched', async () => {
    const { backend, error } = await threeSeries('overlay.ingest_closed');
    expect([error.step, error.series_id]).toEqual(['overlay.ingest_closed', SID_B]);
    expect(await heads(backend, SID_B)).toEqual({ store: at(11), factor: at(11), overlay: null });
    expect(await backend.candles.count(SID_C)).toBe(0);
  });
});

describe('rebuilt series', () => {
  async function rebuiltLab() {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.logicVersion]: 'v1' });
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A, 20), [SID_B]: hist(SID_B, 20) });
    await backend.restart({ ...DEBUG_ENV, [FLAG.logicVersion]: 'v2' });
    return backend;
  }

  it('puts each rebuilt series in rebuilt_series, sorted', async () => {
    const backend = await rebuiltLab();
    const result = await backend.service.pipeline.run({ [SID_B]: candles(2, 5, at(20), SID_B), [SID_A]: candles(2, 6, at(20), SID_A), [SID_C]: hist(SID_C) });
    expect(result.rebuilt_series).toEqual([SID_A, SID_B]);
  });

  it('resets the overlay of a rebuilt series inside its overlay step, before drawing', async () => {
    const backend = await rebuiltLab();
    const oldVersions = await backend.overlays.versions_after(SID_A, 0);
    expect(oldVersions.length).toBeGreaterThan(0);
    const order: string[] = [];
    const observer: PipelineObserver = {
      stepOk: (s) => order.push(s.name),
      overlayResetForRebuild: (id) => order.push(`reset:${id}`),
    };
    await backend.service.pipeline.run({ [SID_A]: candles(2, 6, at(20), SID_A) }, { observer });
    expect(order).toEqual([`store.upsert_many_closed:${SID_A}`, `factor.ingest_closed:${SID_A}`, `reset:${SID_A}`, `overlay.ingest_closed:${SID_A}`]);
    const after = await backend.overlays.versions_after(SID_A, 0);
    const maxOld = Math.max(...oldVersions.map((v) => v.version_id!));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((v) => v.version_id! > maxOld)).toBe(true);
    // The untouched series keeps its overlay.
    expect((await backend.overlays.versions_after(SID_B, 0)).length).toBeGreaterThan(0);
  });

  it('a failing reset fails the overlay step of the rebuilt series (the reset runs inside it)', async () => {
    const backend = await rebuiltLab();
    backend.faults.arm({ point: 'overlay.reset_series', trigger: { mode: 'once' } });
    const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: candles(2, 6, at(20), SID_A) }));
    expect([error.step, error.series_id, error.cause]).toEqual(['overlay.ingest_closed', SID_A, 'injected fault at overlay.reset_series']);
  });

  it('a series that was not rebuilt keeps its overlay versions', async () => {
    const backend = await openBackend();
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A, 20) });
    const before = await backend.overlays.versions_after(SID_A, 0);
    await backend.service.pipeline.run({ [SID_A]: candles(2, 6, at(20), SID_A) });
    const after = await backend.overlays.versions_after(SID_A, 0);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});

describe('refresh_series', () => {
  it('runs only factor and overlay for each series with a positive time, in id order', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.factorIngest]: '0' });
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A), [SID_B]: hist(SID_B) });
    expect(await heads(backend, SID_A)).toEqual({ store: at(11), factor: null, overlay: null });
    await backend.restart(DEBUG_ENV);
    const result = await backend.service.pipeline.refresh_series({ [SID_B]: at(11), [SID_A]: at(9), [SID_C]: 0 });
    expect(result.steps.map((s) => s.name)).toEqual([
      `factor.ingest_closed:${SID_A}`,
      `overlay.ingest_closed:${SID_A}`,
      `factor.ingest_closed:${SID_B}`,
      `overlay.ingest_closed:${SID_B}`,
    ]);
    expect(result.series_batches).toEqual([]);
    expect(await heads(backend, SID_A)).toEqual({ store: at(11), factor: at(9), overlay: at(9) });
    expect(await heads(backend, SID_B)).toEqual({ store: at(11), factor: at(11), overlay: at(11) });
    expect(await backend.candles.count(SID_A)).toBe(12);
  });

  it('raises IngestPipelineError naming the step, without a store step', async () => {
    const backend = await openBackend();
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A) });
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    const error = await pipelineError(backend.service.pipeline.refresh_series({ [SID_A]: at(11) }));
    expect([error.step, error.series_id, error.candle_compensated_rows]).toEqual(['overlay.ingest_closed', SID_A, 0]);
  });
});

describe('publishing', () => {
  function listen(backend: { hub: { subscribe(fn: (e: PublishedEvent) => void): () => void } }) {
    const events: PublishedEvent[] = [];
    backend.hub.subscribe((e) => events.push(e));
    return events;
  }

  it('one candle: a single candle_closed event; several: one batch event with all of them', async () => {
    const backend = await openBackend();
    const events = listen(backend);
    const one = candle(at(0), 5, 4);
    const many = hist(SID_B, 3);
    await backend.service.pipeline.run({ [SID_A]: [one], [SID_B]: many });
    expect(events).toEqual([
      { type: 'candle_closed', series_id: SID_A, candle: one },
      { type: 'candles_closed_batch', series_id: SID_B, candles: many },
    ]);
  });

  it('adds a factor.rebuild system event for each rebuilt series', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.logicVersion]: 'v1' });
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A) });
    await backend.restart({ ...DEBUG_ENV, [FLAG.logicVersion]: 'v2' });
    const events = listen(backend);
    await backend.service.pipeline.run({ [SID_A]: candles(2, 1, at(12), SID_A), [SID_B]: hist(SID_B, 2) });
    expect(events.map((e) => [e.type, e.series_id])).toEqual([
      ['candles_closed_batch', SID_A],
      ['system', SID_A],
      ['candles_closed_batch', SID_B],
    ]);
    expect(events[1]).toEqual({ type: 'system', event: 'factor.rebuild', series_id: SID_A });
  });

  it('publishes nothing when asked not to, and nothing after a failed run', async () => {
    const backend = await openBackend();
    const events = listen(backend);
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A) }, { publish: false });
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' }, series_id: SID_B });
    await pipelineError(backend.service.pipeline.run({ [SID_A]: candles(1, 1, at(12), SID_A), [SID_B]: hist(SID_B) }));
    expect(events).toEqual([]);
  });

  it('best-effort: a failed publish is swallowed and the other series are still published', async () => {
    const backend = await openBackend();
    const events = listen(backend);
    backend.faults.arm({ point: 'publish', trigger: { mode: 'once' }, series_id: SID_A });
    const result = await backend.service.pipeline.run({ [SID_A]: hist(SID_A), [SID_B]: hist(SID_B) });
    expect(result.steps).toHaveLength(6);
    expect(events.map((e) => e.series_id)).toEqual([SID_B]);
  });

  it('best-effort: a subscriber that throws does not stop the other series', async () => {
    const backend = await openBackend();
    backend.hub.subscribe((e) => {
      if (e.series_id === SID_A) throw new Error('socket closed');
    });
    const events = listen(backend);
    await backend.service.pipeline.run({ [SID_A]: hist(SID_A), [SID_B]: hist(SID_B) });
    expect(events.map((e) => e.series_id)).toContain(SID_B);
  });

  it('strict: the first publish error is raised, later series are not published, the data stays committed', async () => {
    const backend = await openBackend(DEBUG_ENV, { publishMode: 'strict' });
    const events = listen(backend);
    backend.faults.arm({ point: 'publish', trigger: { mode: 'once' }, series_id: SID_A });
    const run = backend.service.pipeline.run({ [SID_A]: hist(SID_A), [SID_B]: hist(SID_B) });
    await expect(run).rejects.toBeInstanceOf(PublishError);
    await expect(run).rejects.toThrow(`publish_failed:${SID_A}:injected fault at publish`);
    expect(events).toEqual([]);
    expect(await heads(backend, SID_A)).toEqual({ store: at(11), factor: at(11), overlay: at(11) });
    expect(await heads(backend, SID_B)).toEqual({ store: at(11), factor: at(11), overlay: at(11) });
  });

  it('strict over HTTP: 500 ingest_publish_failed with the candles committed; best-effort answers 200', async () => {
    const strict = await openBackend(DEBUG_ENV, { publishMode: 'strict' });
    strict.faults.arm({ point: 'publish', trigger: { mode: 'once' } });
    const res = await postBatch(strict, SID_A, hist(SID_A));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ detail: `ingest_publish_failed:${SID_A}`, code: 'market.ingest_publish_failed' });
    expect(await storedTimes(strict, SID_A)).toHaveLength(12);

    const lenient = await openBackend(DEBUG_ENV);
    lenient.faults.arm({ point: 'publish', trigger: { mode: 'once' } });
    expect((await postBatch(lenient, SID_A, hist(SID_A))).status).toBe(200);
  });
});
