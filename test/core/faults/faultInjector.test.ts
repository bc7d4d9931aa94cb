/**
 * The fault injector (part of the simulation): once / always / nth / one-series triggers,
 * and the crash between two steps: the client gets no answer (status 0), nothing is
 * compensated, no _error debug event is emitted, and the service stays down until it is
 * restarted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_POINT_IDS, faultSpecProblem, overlappingBatch } from '../../../src/core/index';
import { FaultInjector, InjectedFault } from '../../../src/core/faults/faultInjector';
import {
  DEBUG_ENV,
  FLAG,
  SID,
  SID_A,
  SID_B,
  at,
  candles,
  closeBackends,
  drawDelta,
  errorBody,
  heads,
  ingestOk,
  openBackend,
  postBatch,
  readLedger,
  storedTimes,
} from '../helpers/backend';

afterEach(closeBackends);

/** Calls `hit` n times and says which calls raised. */
function hits(f: FaultInjector, n: number, point: Parameters<FaultInjector['hit']>[0] = 'factor.ingest_closed', series = SID_A): boolean[] {
  return Array.from({ length: n }, () => {
    try {
      f.hit(point, series);
      return false;
    } catch (e) {
      expect(e).toBeInstanceOf(InjectedFault);
      return true;
    }
  });
}

describe('triggers', () => {
  it('once: fires at the first matching call, then is spent', () => {
    const f = new FaultInjector();
    f.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    expect(hits(f, 3)).toEqual([true, false, false]);
    expect(f.list()[0]).toMatchObject({ fired: 1, spent: true });
  });

  it('always: fires at every matching call', () => {
    const f = new FaultInjector();
    f.arm({ point: 'factor.ingest_closed', trigger: { mode: 'always' } });
    expect(hits(f, 3)).toEqual([true, true, true]);
    expect(f.list()[0]).toMatchObject({ fired: 3, spent: false });
  });

  it('nth: fires at the n-th matching call only', () => {
    const f = new FaultInjector();
    f.arm({ point: 'factor.ingest_closed', trigger: { mode: 'nth', n: 3 } });
    expect(hits(f, 5)).toEqual([false, false, true, false, false]);
    expect(f.list()[0]).toMatchObject({ calls: 3, fired: 1, spent: true });
  });

  it('series: only calls for that series match (and count)', () => {
    const f = new FaultInjector();
    f.arm({ point: 'factor.ingest_closed', trigger: { mode: 'nth', n: 2 }, series_id: SID_B });
    expect(hits(f, 3, 'factor.ingest_closed', SID_A)).toEqual([false, false, false]);
    expect(hits(f, 2, 'factor.ingest_closed', SID_B)).toEqual([false, true]);
  });

  it('only its own point matches', () => {
    const f = new FaultInjector();
    f.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'always' } });
    expect(hits(f, 2, 'factor.ingest_closed')).toEqual([false, false]);
    expect(hits(f, 1, 'overlay.ingest_closed')).toEqual([true]);
  });

  it('raises its own message, or one naming the point', () => {
    const f = new FaultInjector();
    f.arm({ point: 'publish', trigger: { mode: 'once' }, message: 'socket closed' });
    f.arm({ point: 'overlay.reset_series', trigger: { mode: 'once' } });
    expect(() => f.hit('publish', SID)).toThrow('socket closed');
    expect(() => f.hit('overlay.reset_series', SID)).toThrow('injected fault at overlay.reset_series');
  });

  it('crash points are asked with crashes(), not hit()', () => {
    const f = new FaultInjector();
    f.arm({ point: 'crash.after_store', trigger: { mode: 'once' } });
    expect([f.crashes('crash.after_factor', SID), f.crashes('crash.after_store', SID), f.crashes('crash.after_store', SID)]).toEqual([false, true, false]);
  });

  it('disarm and clear remove faults; snapshot and restore bring them back exactly', () => {
    const f = new FaultInjector();
    const a = f.arm({ point: 'factor.ingest_closed', trigger: { mode: 'always' } });
    f.arm({ point: 'publish', trigger: { mode: 'nth', n: 2 } });
    const snap = f.snapshot();
    f.disarm(a.id);
    expect(hits(f, 1)).toEqual([false]);
    f.clear();
    expect(f.list()).toEqual([]);
    f.restore(snap);
    expect(f.list()).toEqual(snap.faults);
    expect(hits(f, 1)).toEqual([true]);
    expect(f.arm({ point: 'publish', trigger: { mode: 'once' } }).id).toBe(snap.next_id);
  });
});

describe('fault specs', () => {
  it.each([
    [{ point: 'store.nowhere', trigger: { mode: 'once' } }, /fault\.point: unknown fault point/],
    [{ point: 'publish', trigger: { mode: 'sometimes' } }, /fault\.trigger\.mode/],
    [{ point: 'publish', trigger: { mode: 'nth', n: 0 } }, /fault\.trigger\.n/],
    [{ point: 'publish', trigger: { mode: 'nth', n: 1.5 } }, /fault\.trigger\.n/],
    [{ point: 'publish', trigger: { mode: 'once' }, series_id: '' }, /fault\.series_id/],
    [{ point: 'publish', trigger: { mode: 'once' }, message: 'x'.repeat(201) }, /fault\.message/],
    [{ point: 'publish' }, /fault\.trigger/],
  ])('%o is refused, naming the field', (spec, why) => {
    expect(faultSpecProblem(spec)).toMatch(why);
    expect(() => new FaultInjector().arm(spec as never)).toThrow(why);
  });

  it('every registered point is accepted', () => {
    for (const point of FAULT_POINT_IDS) expect(faultSpecProblem({ point, trigger: { mode: 'once' } })).toBeNull();
  });
});

describe('through the backend', () => {
  it('once / always / nth / one series, as a client sees them', async () => {
    const backend = await openBackend();
    const send = (sid: string, i: number) => postBatch(backend, sid, candles(2, i, at(2 * i), sid));
    const statuses = async (sid: string, from: number, n: number) => {
      const out: number[] = [];
      for (let i = from; i < from + n; i++) out.push((await send(sid, i)).status);
      return out;
    };
    const once = backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    expect(await statuses(SID_A, 0, 2)).toEqual([500, 200]);
    backend.faults.disarm(once.id);
    const always = backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'always' } });
    expect(await statuses(SID_A, 2, 2)).toEqual([500, 500]);
    backend.faults.disarm(always.id);
    const nth = backend.faults.arm({ point: 'store.upsert_many_closed', trigger: { mode: 'nth', n: 2 } });
    expect(await statuses(SID_A, 4, 3)).toEqual([200, 500, 200]);
    backend.faults.disarm(nth.id);
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'always' }, series_id: SID_B });
    expect(await statuses(SID_A, 7, 1)).toEqual([200]);
    expect(await statuses(SID_B, 8, 1)).toEqual([500]);
  });

  it('armed faults are kept across a re-open of the same lab', async () => {
    const backend = await openBackend();
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'nth', n: 2 }, series_id: SID });
    await backend.idle();
    backend.close();
    const again = await openBackend(undefined, { dbName: backend.db.name, keepEnv: true });
    expect(again.faults.list()).toMatchObject([{ point: 'factor.ingest_closed', trigger: { mode: 'nth', n: 2 }, series_id: SID }]);
  });

  it('the mid-transaction store abort answers 500 at the store step and leaves no row of the batch', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1' });
    const history = candles(10, 3);
    await ingestOk(backend, SID, history);
    const before = await readLedger(backend);
    backend.faults.arm({ point: 'store.upsert_many_closed.mid_transaction', trigger: { mode: 'once' } });
    const res = await postBatch(backend, SID, overlappingBatch(SID, history, 4, 6, 2));
    expect(res.body).toEqual({ detail: `ingest_pipeline_failed:store.upsert_many_closed:${SID}`, code: 'market.ingest_pipeline_failed' });
    // Neither the new candles nor the overwrites of older ones survive the abort.
    expect(await readLedger(backend)).toEqual(before);
  });
});

describe('a crash between two steps', () => {
  const FLAGS_ON = { ...DEBUG_ENV, [FLAG.compensateCandles]: '1', [FLAG.compensateOverlay]: '1' };

  async function crashed(point: 'crash.after_store' | 'crash.after_factor') {
    const backend = await openBackend(FLAGS_ON);
    await ingestOk(backend, SID, candles(20, 3));
    backend.faults.arm({ point, trigger: { mode: 'once' } });
    const trace = await backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: SID, candles: candles(4, 5, at(20)) } });
    return { backend, trace };
  }

  it.each(['crash.after_store', 'crash.after_factor'] as const)('%s: status 0, no compensation, no _error event', async (point) => {
    const { backend, trace } = await crashed(point);
    expect(trace.response.status).toBe(0);
    expect(errorBody(trace.response).code).toBe('network.connection_lost');
    expect(trace.crash).toEqual({ point, series_id: SID });
    expect(trace.error).toBeNull();
    expect(trace.compensation).toEqual([]);
    // The batch's new candles stay although both compensation flags are on.
    expect(await storedTimes(backend, SID)).toHaveLength(24);
    expect(trace.debug_events.map((e) => e.event)).toEqual(['write.http.ingest_candles_closed_batch_start']);
    expect(backend.service.metrics.list()).toEqual([['market_ingest_requests_total{result="ok",route="ingest_candles_closed_batch"}', 1]]);
    expect(backend.status).toBe('crashed');
  });

  it('crash.after_store stops before the factor step; crash.after_factor before the overlay step', async () => {
    const a = await crashed('crash.after_store');
    expect(await heads(a.backend, SID)).toEqual({ store: at(23), factor: at(19), overlay: at(19) });
    const b = await crashed('crash.after_factor');
    expect(await heads(b.backend, SID)).toEqual({ store: at(23), factor: at(23), overlay: at(19) });
  });

  it('the service stays down until restart: every request gets status 0 and writes nothing', async () => {
    const { backend } = await crashed('crash.after_factor');
    const before = await readLedger(backend);
    const write = await postBatch(backend, SID, candles(2, 1, at(24)));
    const read = await drawDelta(backend, SID);
    expect([write.status, read.status]).toEqual([0, 0]);
    expect(errorBody(write).code).toBe('network.connection_refused');
    expect(await readLedger(backend)).toEqual(before);

    // Still down after a page reload (same database, no env given) ...
    backend.close();
    const reloaded = await openBackend(undefined, { dbName: backend.db.name, keepEnv: true });
    expect(reloaded.status).toBe('crashed');
    expect((await drawDelta(reloaded, SID)).status).toBe(0);
    // ... until restarted. The half-done state is then visible: the overlay is behind.
    await reloaded.restart();
    expect(reloaded.status).toBe('running');
    expect((await drawDelta(reloaded, SID)).status).toBe(409);
    expect((await postBatch(reloaded, SID, candles(2, 1, at(24)))).status).toBe(200);
  });
});
