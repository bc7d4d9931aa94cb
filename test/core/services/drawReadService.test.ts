/**
 * SPEC §6, the draw read (GET /api/draw/delta): aligns the requested time to the candle
 * store, answers 409 ledger_out_of_sync:overlay when the overlay head is missing or behind
 * or when the stored instructions no longer match the factor events, emits
 * read.http.draw_delta.overlay_out_of_sync, and never repairs on its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DrawDeltaResponse } from '../../../src/core/services/drawReadService';
import {
  DEBUG_ENV,
  FLAG,
  SID,
  at,
  candles,
  closeBackends,
  drawDelta,
  errorBody,
  heads,
  ingestOk,
  openBackend,
  readLedger,
} from '../helpers/backend';

afterEach(closeBackends);

async function inSyncLab(count = 30, env = DEBUG_ENV) {
  const backend = await openBackend(env);
  await ingestOk(backend, SID, candles(count, 5));
  return backend;
}

describe('in sync', () => {
  it('answers 200 with the instructions in the window, up to the store head', async () => {
    const backend = await inSyncLab();
    const res = await drawDelta(backend, SID);
    expect(res.status).toBe(200);
    const body = res.body as DrawDeltaResponse;
    expect([body.series_id, body.requested_time, body.to_candle_time, body.overlay_head_time]).toEqual([SID, at(29), at(29), at(29)]);
    const kinds = new Set(body.instructions.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['marker', 'polyline']));
    const ids = body.instructions.map((i) => i.version_id!);
    expect(body.next_cursor.version_id).toBe(Math.max(...ids));
    expect(body.instructions.every((i) => i.visible_time <= at(29))).toBe(true);
  });

  it('aligns the requested time down to the last stored candle (floor_time)', async () => {
    const backend = await inSyncLab();
    const offGrid = (await drawDelta(backend, SID, at(12) + 30)).body as DrawDeltaResponse;
    expect([offGrid.requested_time, offGrid.to_candle_time]).toEqual([at(12) + 30, at(12)]);
    expect(offGrid.instructions.every((i) => i.visible_time <= at(12))).toBe(true);
    const later = (await drawDelta(backend, SID, at(500))).body as DrawDeltaResponse;
    expect(later.to_candle_time).toBe(at(29));
  });

  it('an earlier time shows fewer instructions than the head (only what was visible then)', async () => {
    const backend = await inSyncLab();
    const early = (await drawDelta(backend, SID, at(10))).body as DrawDeltaResponse;
    const full = (await drawDelta(backend, SID)).body as DrawDeltaResponse;
    expect(early.instructions.length).toBeLessThan(full.instructions.length);
  });

  it('a cursor returns only newer versions', async () => {
    const backend = await inSyncLab();
    const first = (await drawDelta(backend, SID)).body as DrawDeltaResponse;
    const again = (await backend.get('/api/draw/delta', { series_id: SID, cursor_version_id: first.next_cursor.version_id })).body as DrawDeltaResponse;
    expect(again.instructions).toEqual([]);
    expect(again.next_cursor.version_id).toBe(first.next_cursor.version_id);
    await ingestOk(backend, SID, candles(15, 9, at(30)));
    const next = (await backend.get('/api/draw/delta', { series_id: SID, cursor_version_id: first.next_cursor.version_id })).body as DrawDeltaResponse;
    expect(next.instructions.length).toBeGreaterThan(0);
    expect(next.instructions.every((i) => i.version_id! > first.next_cursor.version_id)).toBe(true);
  });

  it('a series without candles answers 200 with nothing to draw', async () => {
    const backend = await openBackend();
    const res = await drawDelta(backend, SID);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ to_candle_time: null, instructions: [] });
  });

  it('a healthy series longer than the overlay window stays readable after every batch', async () => {
    // Regression: markers and the pen polyline whose pivots had left the window were
    // counted as "unexpected" by the integrity check, so a healthy series read 409.
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.overlayWindow]: '100' });
    const all = candles(400, 1);
    const statuses: number[] = [];
    for (let i = 0; i < all.length; i += 10) {
      await ingestOk(backend, SID, all.slice(i, i + 10));
      statuses.push((await drawDelta(backend, SID)).status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});

describe('409 ledger_out_of_sync:overlay', () => {
  it('when the overlay head is missing', async () => {
    const backend = await inSyncLab(20, { ...DEBUG_ENV, [FLAG.overlayIngest]: '0' });
    const res = await drawDelta(backend, SID);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ detail: 'ledger_out_of_sync:overlay', code: 'draw.ledger_out_of_sync', reason: 'overlay_head_missing', overlay_head_time: null });
  });

  it('when the overlay head is behind the aligned time (an overlay failure left it there)', async () => {
    const backend = await inSyncLab(20);
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
    expect((await postBatchStatus(backend, candles(4, 3, at(20))))).toBe(500);
    expect(await heads(backend, SID)).toEqual({ store: at(23), factor: at(23), overlay: at(19) });
    const res = await drawDelta(backend, SID);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      detail: 'ledger_out_of_sync:overlay',
      reason: 'overlay_head_behind',
      requested_time: at(23),
      aligned_time: at(23),
      overlay_head_time: at(19),
    });
    // A time the overlay does cover still reads fine.
    expect((await drawDelta(backend, SID, at(19))).status).toBe(200);
  });

  it.each(['delete', 'alter'] as const)('when an instruction was tampered with (%s)', async (how) => {
    const backend = await inSyncLab(30);
    const tampered = await backend.tamperOverlay(SID, how);
    const res = await drawDelta(backend, SID);
    expect(res.status).toBe(409);
    const body = errorBody(res);
    expect(body).toMatchObject({ detail: 'ledger_out_of_sync:overlay', reason: 'overlay_integrity_mismatch' });
    expect(body[how === 'delete' ? 'missing' : 'changed']).toEqual([tampered.instruction_id]);
  });

  it('emits read.http.draw_delta.overlay_out_of_sync for operators', async () => {
    const backend = await inSyncLab(30);
    await backend.tamperOverlay(SID, 'alter');
    await drawDelta(backend, SID);
    const events = backend.debug.list().filter((e) => e.event === 'read.http.draw_delta.overlay_out_of_sync');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ pipe: 'read', level: 'warn', series_id: SID });
    expect(events[0]!.data).toMatchObject({ reason: 'overlay_integrity_mismatch', aligned_time: at(29), overlay_head_time: at(29) });
  });

  it('never repairs on its own: the ledger is unchanged and the next read is still 409', async () => {
    const backend = await inSyncLab(30);
    await backend.tamperOverlay(SID, 'delete');
    const before = await readLedger(backend);
    expect((await drawDelta(backend, SID)).status).toBe(409);
    expect(await readLedger(backend)).toEqual(before);
    expect((await drawDelta(backend, SID)).status).toBe(409);
  });
});

async function postBatchStatus(backend: Awaited<ReturnType<typeof openBackend>>, batch: ReturnType<typeof candles>) {
  return (await backend.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles: batch })).status;
}
