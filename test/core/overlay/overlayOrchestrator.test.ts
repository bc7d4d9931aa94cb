/**
 * SPEC §2, overlay.ingest_closed: a marker per pivot and a polyline for the pens, within a
 * window of recent candles; a new version only for an instruction whose definition
 * changed; the overlay head moves. And the integrity check the draw read relies on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PenEvent, PivotEvent } from '../../../src/core/domain/factorEvent';
import type { MarkerDefinition, PolylineDefinition } from '../../../src/core/domain/overlayInstruction';
import { checkOverlayIntegrity } from '../../../src/core/overlay/overlayIntegrity';
import { desiredInstructions, markerFor, penPolyline } from '../../../src/core/overlay/overlayInstructions';
import { DEBUG_ENV, FLAG, SID, at, candles, closeBackends, heads, openBackend } from '../helpers/backend';

afterEach(closeBackends);

const allFactorEvents = (backend: Awaited<ReturnType<typeof openBackend>>) =>
  backend.db.factor_events.where('[series_id+visible_time]').between([SID, -Infinity], [SID, Infinity]).toArray();

async function computed(count = 40, env = DEBUG_ENV) {
  const backend = await openBackend(env);
  const all = candles(count, 11);
  await backend.candles.upsert_many_closed(SID, all);
  await backend.service.factor.ingest_closed(SID, all[count - 1]!.candle_time);
  return { backend, head: all[count - 1]!.candle_time };
}

describe('instructions from factor events', () => {
  it('a marker per pivot: above and arrow down for highs, below and arrow up for lows, circles for minor ones', () => {
    const high: PivotEvent = { kind: 'pivot', level: 'major', direction: 'high', candle_time: at(3), visible_time: at(5), price: 12 };
    const low: PivotEvent = { ...high, direction: 'low', price: 8 };
    const minor: PivotEvent = { ...high, level: 'minor' };
    expect(markerFor(high)).toEqual({
      instruction_id: `pivot.major.high:${at(3)}`,
      kind: 'marker',
      visible_time: at(5),
      definition: { time: at(3), position: 'above', shape: 'arrow_down', level: 'major', price: 12, text: 'H' },
    });
    expect((markerFor(low).definition as MarkerDefinition).shape).toBe('arrow_up');
    expect((markerFor(low).definition as MarkerDefinition).position).toBe('below');
    expect((markerFor(minor).definition as MarkerDefinition).shape).toBe('circle');
  });

  it('one polyline through the pens, visible when its last pen is', () => {
    const pens: PenEvent[] = [
      { kind: 'pen', direction: 'down', start_time: at(4), start_price: 9, end_time: at(7), end_price: 3, visible_time: at(12), candle_time: at(4) },
      { kind: 'pen', direction: 'up', start_time: at(1), start_price: 2, end_time: at(4), end_price: 9, visible_time: at(9), candle_time: at(1) },
    ];
    expect(penPolyline(pens)).toEqual({
      instruction_id: 'pen.polyline',
      kind: 'polyline',
      visible_time: at(12),
      definition: { points: [{ time: at(1), value: 2 }, { time: at(4), value: 9 }, { time: at(7), value: 3 }] },
    });
    expect(penPolyline([])).toBeUndefined();
  });

  it('leaves out pivots before the window and pens that end before it', () => {
    const early: PivotEvent = { kind: 'pivot', level: 'major', direction: 'high', candle_time: at(1), visible_time: at(3), price: 1 };
    const late: PivotEvent = { ...early, candle_time: at(6), visible_time: at(8) };
    const oldPen: PenEvent = { kind: 'pen', direction: 'up', start_time: at(0), start_price: 1, end_time: at(2), end_price: 2, visible_time: at(6), candle_time: at(0) };
    const out = desiredInstructions([{ ...early, series_id: SID }, { ...late, series_id: SID }, { ...oldPen, series_id: SID }], at(5));
    expect(out.map((i) => i.instruction_id)).toEqual([`pivot.major.high:${at(6)}`]);
  });
});

describe('overlay.ingest_closed', () => {
  it('draws every factor event up to the time and moves the head there', async () => {
    const { backend, head } = await computed();
    const result = await backend.service.overlay.ingest_closed(SID, head);
    const events = await allFactorEvents(backend);
    const pivots = events.filter((e) => e.kind === 'pivot');
    const versions = await backend.overlays.versions_after(SID, 0);
    expect(result).toEqual({ head_time: head, written_versions: versions.length });
    expect(versions.filter((v) => v.kind === 'marker').map((v) => v.instruction_id).sort()).toEqual(pivots.map((p) => markerFor(p as PivotEvent).instruction_id).sort());
    const polyline = versions.filter((v) => v.kind === 'polyline');
    expect(polyline).toHaveLength(1);
    const pens = events.filter((e) => e.kind === 'pen');
    expect((polyline[0]!.definition as PolylineDefinition).points).toHaveLength(pens.length + 1);
    expect(await backend.overlays.head_time(SID)).toBe(head);
  });

  it('writes a new version only when a definition changed', async () => {
    const { backend, head } = await computed();
    await backend.service.overlay.ingest_closed(SID, head - 10 * 60);
    const before = await backend.overlays.versions_after(SID, 0);
    await backend.service.overlay.ingest_closed(SID, head);
    const added = (await backend.overlays.versions_after(SID, 0)).slice(before.length);
    // Only pivots that became visible since, and the pen line if it grew.
    const drawnBefore = new Set(before.map((v) => v.instruction_id));
    for (const v of added.filter((a) => a.kind === 'marker')) expect(drawnBefore.has(v.instruction_id)).toBe(false);
    expect(added.length).toBeGreaterThan(0);
    // Drawing the same time again writes nothing.
    const again = await backend.service.overlay.ingest_closed(SID, head);
    expect(again.written_versions).toBe(0);
    const reset = await backend.overlays.versions_after(SID, 0);
    await backend.overlays.reset_series(SID);
    await backend.service.overlay.ingest_closed(SID, head);
    expect((await backend.overlays.versions_after(SID, 0)).length).toBeLessThan(reset.length);
  });

  it('never draws past the factor head', async () => {
    const { backend, head } = await computed();
    await backend.candles.upsert_many_closed(SID, candles(5, 2, head + 60));
    const result = await backend.service.overlay.ingest_closed(SID, head + 5 * 60);
    expect(result.head_time).toBe(head);
    expect(await heads(backend, SID)).toEqual({ store: head + 5 * 60, factor: head, overlay: head });
  });

  it('draws only within TRADE_CANVAS_OVERLAY_WINDOW_CANDLES recent candles', async () => {
    const { backend, head } = await computed(300, { ...DEBUG_ENV, [FLAG.overlayWindow]: '100' });
    await backend.service.overlay.ingest_closed(SID, head);
    const start = head - 99 * 60;
    const versions = await backend.overlays.versions_after(SID, 0);
    const markers = versions.filter((v) => v.kind === 'marker').map((v) => (v.definition as MarkerDefinition).time);
    expect(markers.length).toBeGreaterThan(0);
    expect(Math.min(...markers)).toBeGreaterThanOrEqual(start);
    const pivotsBefore = (await allFactorEvents(backend)).filter((e) => e.kind === 'pivot' && e.candle_time < start);
    expect(pivotsBefore.length).toBeGreaterThan(0);
    const points = (versions.find((v) => v.kind === 'polyline')!.definition as PolylineDefinition).points;
    // The line starts at most one pen before the window (the pen that crosses into it).
    expect(points.filter((p) => p.time < start).length).toBeLessThanOrEqual(1);
  });

  it('does nothing with TRADE_CANVAS_ENABLE_OVERLAY_INGEST off', async () => {
    const { backend, head } = await computed(40, { ...DEBUG_ENV, [FLAG.overlayIngest]: '0' });
    await backend.service.overlay.ingest_closed(SID, head);
    expect(await backend.overlays.versions_after(SID, 0)).toEqual([]);
    expect(await backend.overlays.head_time(SID)).toBeNull();
  });
});

describe('integrity check', () => {
  it('ok when drawn from the factors; reports missing, changed and unexpected instructions', async () => {
    const { backend, head } = await computed();
    await backend.service.overlay.ingest_closed(SID, head);
    const check = () => checkOverlayIntegrity(backend.factors, backend.overlays, SID, head, backend.flags.overlay_window_candles);
    expect(await check()).toEqual({ ok: true, checked_at: head, missing: [], unexpected: [], changed: [] });

    const deleted = await backend.tamperOverlay(SID, 'delete');
    expect(await check()).toMatchObject({ ok: false, missing: [deleted.instruction_id] });
    await backend.overlays.reset_series(SID);
    await backend.service.overlay.ingest_closed(SID, head);
    const altered = await backend.tamperOverlay(SID, 'alter');
    expect(await check()).toMatchObject({ ok: false, changed: [altered.instruction_id] });

    // A marker drawn for a pivot the factors do not have (e.g. an old definition).
    await backend.overlays.reset_series(SID);
    await backend.service.overlay.ingest_closed(SID, head);
    const stray = markerFor({ kind: 'pivot', level: 'major', direction: 'low', candle_time: head - 60, visible_time: head, price: 1 });
    await backend.overlays.append_versions(SID, [stray], head);
    expect(await check()).toMatchObject({ ok: false, unexpected: [stray.instruction_id] });
  });
});
