/**
 * SPEC §7, the repair flow (POST /api/dev/repair/overlay): 404 unless both flags are on,
 * 404 no_data, refresh → overlay.reset_series → overlay.ingest_closed, verification of
 * both heads (409 ledger_out_of_sync:factor|overlay), 500 overlay_repair_failed, the
 * read.http.overlay_repair event, and a draw read that answers 200 afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../../src/core/index';
import {
  DEBUG_ENV,
  FLAG,
  REPAIR_ENV,
  SID,
  SID_B,
  at,
  candles,
  closeBackends,
  drawDelta,
  heads,
  ingestOk,
  openBackend,
  postBatch,
  readLedger,
  repair,
} from '../helpers/backend';

afterEach(closeBackends);

/** A lab whose overlay head fell behind: history to at(19), a batch to at(23) failed at overlay. */
async function behindLab(env: Env = REPAIR_ENV) {
  const backend = await openBackend(env);
  await ingestOk(backend, SID, candles(20, 3));
  backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
  expect((await postBatch(backend, SID, candles(4, 8, at(20)))).status).toBe(500);
  expect((await drawDelta(backend, SID)).status).toBe(409);
  return backend;
}

describe('404 not_found unless both flags are on', () => {
  it.each([
    ['dev API off', { ...DEBUG_ENV, [FLAG.repair]: '1' }],
    ['read repair API off', { ...DEBUG_ENV, [FLAG.dev]: '1' }],
    ['both off (the defaults)', DEBUG_ENV],
  ])('%s', async (_name, env) => {
    const backend = await behindLab(env);
    const before = await readLedger(backend);
    expect(await repair(backend, SID)).toEqual({ status: 404, body: { detail: 'not_found', code: 'not_found' } });
    // The route is absent: even a malformed body gets 404, not 422.
    expect((await backend.post('/api/dev/repair/overlay', { series_id: 42 })).status).toBe(404);
    expect(await readLedger(backend)).toEqual(before);
    expect((await drawDelta(backend, SID)).status).toBe(409);
  });

  it('opens after a restart with both flags on', async () => {
    const backend = await behindLab(DEBUG_ENV);
    expect((await repair(backend, SID)).status).toBe(404);
    await backend.restart(REPAIR_ENV);
    expect((await repair(backend, SID)).status).toBe(200);
  });
});

describe('404 no_data', () => {
  it('for a series without candles', async () => {
    const backend = await behindLab();
    const res = await repair(backend, SID_B);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ detail: 'no_data', code: 'read_repair.no_data', series_id: SID_B });
  });

  it('for a to_time before the first candle', async () => {
    const backend = await behindLab();
    const res = await repair(backend, SID, at(-3));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ detail: 'no_data', code: 'read_repair.no_data', requested_time: at(-3) });
  });
});

describe('success', () => {
  it('runs refresh steps, then overlay.reset_series, then overlay.ingest_closed, and aligns both heads', async () => {
    const backend = await behindLab();
    const candlesBefore = (await readLedger(backend)).candles;
    const res = await repair(backend, SID);
    expect(res).toEqual({
      status: 200,
      body: {
        ok: true,
        series_id: SID,
        requested_time: at(23),
        aligned_time: at(23),
        factor_head_time: at(23),
        overlay_head_time: at(23),
        refreshed: true,
        steps: [`factor.ingest_closed:${SID}`, `overlay.ingest_closed:${SID}`, 'overlay.reset_series', 'overlay.ingest_closed'],
      },
    });
    expect(await heads(backend, SID)).toEqual({ store: at(23), factor: at(23), overlay: at(23) });
    expect((await readLedger(backend)).candles).toEqual(candlesBefore);
    expect((await drawDelta(backend, SID)).status).toBe(200);
  });

  it('to_time null means the store head', async () => {
    const backend = await behindLab();
    expect((await repair(backend, SID, null)).body).toMatchObject({ requested_time: at(23), aligned_time: at(23) });
  });

  it('aligns an off-grid to_time down to the stored candle before it', async () => {
    const backend = await behindLab();
    const res = await repair(backend, SID, at(21) + 45);
    expect(res.body).toMatchObject({ requested_time: at(21) + 45, aligned_time: at(21), overlay_head_time: at(21) });
    expect((await drawDelta(backend, SID, at(21))).status).toBe(200);
  });

  it.each(['delete', 'alter'] as const)('heals a tampered overlay (%s): the draw read answers 200 again', async (how) => {
    const backend = await openBackend(REPAIR_ENV);
    await ingestOk(backend, SID, candles(30, 4));
    await backend.tamperOverlay(SID, how);
    expect((await drawDelta(backend, SID)).status).toBe(409);
    expect((await repair(backend, SID)).status).toBe(200);
    expect((await drawDelta(backend, SID)).status).toBe(200);
  });

  it('emits read.http.overlay_repair with the times, heads and steps', async () => {
    const backend = await behindLab();
    await repair(backend, SID, at(22));
    const ev = backend.debug.list().find((e) => e.event === 'read.http.overlay_repair');
    expect(ev).toMatchObject({ pipe: 'read', series_id: SID, level: 'info' });
    expect(ev!.data).toEqual({
      series_id: SID,
      requested_time: at(22),
      aligned_time: at(22),
      factor_head_time: at(23),
      overlay_head_time: at(22),
      steps: [`factor.ingest_closed:${SID}`, `overlay.ingest_closed:${SID}`, 'overlay.reset_series', 'overlay.ingest_closed'],
    });
  });
});

describe('verification', () => {
  it('409 ledger_out_of_sync:factor when the factor cannot catch up (factor ingest off)', async () => {
    const backend = await openBackend(REPAIR_ENV);
    await ingestOk(backend, SID, candles(20, 3));
    await backend.restart({ ...REPAIR_ENV, [FLAG.factorIngest]: '0' });
    await ingestOk(backend, SID, candles(5, 6, at(20)));
    const res = await repair(backend, SID);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      detail: 'ledger_out_of_sync:factor',
      code: 'read_repair.ledger_out_of_sync',
      aligned_time: at(24),
      factor_head_time: at(19),
    });
    expect(backend.debug.list().some((e) => e.event === 'read.http.overlay_repair')).toBe(false);
  });

  it('409 ledger_out_of_sync:overlay when the overlay cannot catch up (overlay ingest off)', async () => {
    const backend = await openBackend({ ...REPAIR_ENV, [FLAG.overlayIngest]: '0' });
    await ingestOk(backend, SID, candles(20, 3));
    const res = await repair(backend, SID);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ detail: 'ledger_out_of_sync:overlay', aligned_time: at(19), factor_head_time: at(19), overlay_head_time: null });
  });
});

describe('500 overlay_repair_failed', () => {
  it('when the overlay reset fails', async () => {
    const backend = await behindLab();
    backend.faults.arm({ point: 'overlay.reset_series', trigger: { mode: 'once' } });
    expect(await repair(backend, SID)).toEqual({
      status: 500,
      body: { detail: 'overlay_repair_failed:injected fault at overlay.reset_series', code: 'read_repair.failed' },
    });
  });

  it('when the refresh fails, with the pipeline error as the reason', async () => {
    const backend = await behindLab();
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const res = await repair(backend, SID);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      detail: `overlay_repair_failed:ingest_pipeline_failed:factor.ingest_closed:${SID}:injected fault at factor.ingest_closed`,
    });
    // Nothing was repaired: the draw read still refuses.
    expect((await drawDelta(backend, SID)).status).toBe(409);
  });
});
