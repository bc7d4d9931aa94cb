/**
 * SPEC §2, factor.ingest_closed: real computation on the stored candles, incremental from
 * the factor head (equal to a from-scratch computation), and the fingerprint rebuild
 * (clear factors, trim candles to factor_rebuild_keep_candles, recompute, emit
 * factor.fingerprint.rebuild; the pipeline then resets the overlay before drawing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../../src/core/index';
import type { FactorEvent, FactorEventRow, PenEvent } from '../../../src/core/domain/factorEvent';
import type { OverlayVersionRow } from '../../../src/core/domain/overlayInstruction';
import { factorFingerprint } from '../../../src/core/factor/fingerprint';
import { buildPens } from '../../../src/core/factor/pens';
import { detectPivots } from '../../../src/core/factor/pivots';
import {
  DEBUG_ENV,
  FLAG,
  SID,
  SID_A,
  SID_B,
  at,
  candle,
  candles,
  closeBackends,
  drawDelta,
  heads,
  ingestOk,
  openBackend,
  postBatch,
} from '../helpers/backend';

afterEach(closeBackends);

const ONE: Env = { ...DEBUG_ENV, [FLAG.pivotMajor]: '1', [FLAG.pivotMinor]: '1' };
const strip = (rows: FactorEventRow[]) => rows.map(({ id: _i, series_id: _s, ...e }) => JSON.stringify(e)).sort();
const allEvents = (backend: Awaited<ReturnType<typeof openBackend>>, sid: string) =>
  backend.db.factor_events.where('[series_id+visible_time]').between([sid, -Infinity], [sid, Infinity]).toArray();

/**
 * i:  0   1   2   3    4 (outside bar)  5    6   7   8
 * Major pivots (window 1): low 1, high 2, high 4 and low 4, high 7.
 * Pens: low 1 → high 4 (visible at 5), high 4 → low 4 (visible at 8).
 */
const OUTSIDE = [
  candle(at(0), 10, 7),
  candle(at(1), 8, 5),
  candle(at(2), 9, 6),
  candle(at(3), 7, 5.5),
  candle(at(4), 9.5, 4),
  candle(at(5), 8.5, 4.5),
  candle(at(6), 9, 6),
  candle(at(7), 11, 7),
  candle(at(8), 10.5, 6.5),
];

describe('computation on stored candles', () => {
  it('stores the pivots and pens of the candles and moves the head', async () => {
    const backend = await openBackend(ONE);
    await backend.candles.upsert_many_closed(SID, OUTSIDE);
    const result = await backend.service.factor.ingest_closed(SID, at(8));
    expect(result).toEqual({ rebuilt: false });
    const events = await allEvents(backend, SID);
    const majors = events.filter((e) => e.kind === 'pivot' && e.level === 'major').map((e) => `${(e as { direction: string }).direction}@${(e.candle_time - at(0)) / 60}`);
    expect(majors.sort()).toEqual(['high@2', 'high@4', 'high@7', 'low@1', 'low@4']);
    const pens = events.filter((e): e is PenEvent & { series_id: string } => e.kind === 'pen');
    expect(pens.map((p) => [p.direction, p.start_time, p.end_time, p.visible_time])).toEqual([
      ['up', at(1), at(4), at(5)],
      ['down', at(4), at(4), at(8)],
    ]);
    expect(await backend.factors.state(SID)).toEqual({ series_id: SID, head_time: at(8), fingerprint: backend.service.factor.fingerprint });
  });

  it('computes only up to up_to_candle_time, and not again for a time at or before its head', async () => {
    const backend = await openBackend(ONE);
    await backend.candles.upsert_many_closed(SID, OUTSIDE);
    await backend.service.factor.ingest_closed(SID, at(5));
    const first = await allEvents(backend, SID);
    expect(first.every((e) => e.visible_time <= at(5))).toBe(true);
    await backend.service.factor.ingest_closed(SID, at(3));
    expect(await allEvents(backend, SID)).toEqual(first);
    expect((await backend.factors.state(SID)).head_time).toBe(at(5));
  });

  it('does nothing with TRADE_CANVAS_ENABLE_FACTOR_INGEST off', async () => {
    const backend = await openBackend({ ...ONE, [FLAG.factorIngest]: '0' });
    await backend.candles.upsert_many_closed(SID, OUTSIDE);
    expect(await backend.service.factor.ingest_closed(SID, at(8))).toEqual({ rebuilt: false });
    expect(await allEvents(backend, SID)).toEqual([]);
    expect(await backend.factors.state(SID)).toEqual({ series_id: SID, head_time: null, fingerprint: null });
  });
});

describe('incremental equals from scratch', () => {
  it('a pen ending at an outside bar is found when the history arrives in two chunks', async () => {
    // Regression: the incremental run looked for pivots after the anchor's candle only, so
    // the low of the outside bar that ends the last pen was skipped and its pen lost.
    const backend = await openBackend(ONE);
    for (const chunk of [OUTSIDE.slice(0, 6), OUTSIDE.slice(6)]) {
      await backend.candles.upsert_many_closed(SID_A, chunk);
      await backend.service.factor.ingest_closed(SID_A, chunk[chunk.length - 1]!.candle_time);
    }
    await backend.candles.upsert_many_closed(SID_B, OUTSIDE);
    await backend.service.factor.ingest_closed(SID_B, at(8));
    expect(strip(await allEvents(backend, SID_A))).toEqual(strip(await allEvents(backend, SID_B)));
    const pens = (await allEvents(backend, SID_A)).filter((e) => e.kind === 'pen');
    expect(pens).toHaveLength(2);
  });

  it.each([1, 2, 3, 4, 5])('market-like history (seed %i), one candle at a time vs all at once, with factors and overlay', async (seed) => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.pivotMajor]: '3', [FLAG.pivotMinor]: '1' });
    const all = candles(60, seed, at(0), SID_A);
    for (let i = 0; i < all.length; i += 7) await backend.service.pipeline.run({ [SID_A]: all.slice(i, i + 7) }, { publish: false });
    await backend.service.pipeline.run({ [SID_B]: all }, { publish: false });
    const a = await allEvents(backend, SID_A);
    expect(strip(a)).toEqual(strip(await allEvents(backend, SID_B)));
    expect(a.some((e) => e.kind === 'pen')).toBe(true);
    // The same drawing too: the latest version of every instruction is the same.
    const latest = (rows: OverlayVersionRow[]) => Object.fromEntries(rows.map((r) => [r.instruction_id, JSON.stringify(r.definition)]));
    expect(latest(await backend.overlays.versions_after(SID_A, 0))).toEqual(latest(await backend.overlays.versions_after(SID_B, 0)));
  });
});

describe('fingerprint rebuild', () => {
  const V1: Env = { ...DEBUG_ENV, [FLAG.logicVersion]: 'v1', [FLAG.keepCandles]: '100' };
  const V2: Env = { ...V1, [FLAG.logicVersion]: 'v2' };
  const history = candles(150, 7);

  async function rebuiltLab(env: Env = V2) {
    const backend = await openBackend(V1);
    await ingestOk(backend, SID, history);
    const before = {
      versions: await backend.overlays.versions_after(SID, 0),
      fingerprint: (await backend.factors.state(SID)).fingerprint,
    };
    await backend.restart(env);
    const next = candles(1, 3, at(150));
    const trace = await backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: SID, candles: next } });
    return { backend, before, trace };
  }

  it('a changed TRADE_CANVAS_FACTOR_LOGIC_VERSION clears, trims to factor_rebuild_keep_candles and recomputes', async () => {
    const { backend, before, trace } = await rebuiltLab();
    expect(trace.response.status).toBe(200);
    const stored = await backend.candles.all(SID);
    expect(stored).toHaveLength(100);
    expect(stored[0]!.candle_time).toBe(at(51));
    expect(stored[99]!.candle_time).toBe(at(150));
    const state = await backend.factors.state(SID);
    expect(state.fingerprint).toBe(factorFingerprint(backend.flags));
    expect(state.fingerprint).not.toBe(before.fingerprint);
    expect(state.head_time).toBe(at(150));
    // Recomputed from the kept candles only, exactly as from scratch.
    const { pivot_window_major: major, pivot_window_minor: minor } = backend.flags;
    const majors = detectPivots(stored, major, 'major', 0);
    const expected = [...majors, ...detectPivots(stored, minor, 'minor', 0), ...buildPens(undefined, majors)];
    expect(strip(await allEvents(backend, SID))).toEqual(expected.map((e: FactorEvent) => JSON.stringify(e)).sort());
  });

  it('emits factor.fingerprint.rebuild with the old and new fingerprints and the trim', async () => {
    const { backend, before, trace } = await rebuiltLab();
    const ev = trace.debug_events.find((e) => e.event === 'factor.fingerprint.rebuild');
    expect(ev).toMatchObject({ pipe: 'write', series_id: SID, level: 'warn' });
    expect(ev!.data).toEqual({
      previous_fingerprint: before.fingerprint,
      fingerprint: factorFingerprint(backend.flags),
      keep_candles: 100,
      trimmed_candles: 51,
    });
    const done = trace.debug_events.find((e) => e.event === 'write.http.ingest_candles_closed_batch_done');
    expect(done!.data.rebuilt_series).toEqual([SID]);
  });

  it('resets the overlay before drawing: no version drawn under the old definition survives', async () => {
    const { backend, before, trace } = await rebuiltLab();
    expect(trace.overlay_reset_for_rebuild).toEqual([SID]);
    const maxOld = Math.max(...before.versions.map((v) => v.version_id!));
    const after = await backend.overlays.versions_after(SID, 0);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((v) => v.version_id! > maxOld)).toBe(true);
    expect(await heads(backend, SID)).toEqual({ store: at(150), factor: at(150), overlay: at(150) });
    expect((await drawDelta(backend, SID)).status).toBe(200);
  });

  it('a changed pivot window is a changed fingerprint too', async () => {
    const { trace } = await rebuiltLab({ ...V1, [FLAG.pivotMajor]: '4' });
    expect(trace.debug_events.map((e) => e.event)).toContain('factor.fingerprint.rebuild');
  });

  it('with TRADE_CANVAS_ENABLE_FACTOR_FINGERPRINT_REBUILD off: no rebuild, no trim, no reset', async () => {
    const { backend, before, trace } = await rebuiltLab({ ...V2, [FLAG.fingerprintRebuild]: '0' });
    expect(trace.debug_events.map((e) => e.event)).not.toContain('factor.fingerprint.rebuild');
    expect(trace.overlay_reset_for_rebuild).toEqual([]);
    expect(await backend.candles.count(SID)).toBe(151);
    expect((await backend.factors.state(SID)).fingerprint).toBe(before.fingerprint);
    const after = await backend.overlays.versions_after(SID, 0);
    expect(after.slice(0, before.versions.length)).toEqual(before.versions);
  });

  it('the same settings after a restart are no rebuild', async () => {
    const backend = await openBackend(V1);
    await ingestOk(backend, SID, candles(20, 7));
    await backend.restart(V1);
    const res = await postBatch(backend, SID, candles(1, 3, at(20)));
    expect(res.status).toBe(200);
    expect(backend.debug.list().map((e) => e.event)).not.toContain('factor.fingerprint.rebuild');
  });
});
