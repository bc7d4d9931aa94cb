/**
 * SPEC §4, minimal compensation: each flag alone and both together, at the factor and at
 * the overlay step; only new_candle_times are deleted (overwritten older candles stay with
 * the batch's new values); failures of the reset and of the delete end up in
 * compensation_error, joined with "; ".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { overlappingBatch, type ClosedCandle, type Env, type FaultPointId } from '../../../src/core/index';
import {
  DEBUG_ENV,
  FLAG,
  SID_A,
  SID_B,
  at,
  candles,
  closeBackends,
  heads,
  openBackend,
  pipelineError,
  storedTimes,
} from '../helpers/backend';

afterEach(closeBackends);

const HISTORY = candles(10, 4, at(0), SID_A);
/** 3 overwritten older candles (at(7)..at(9), new prices) then 4 new ones (at(10)..at(13)). */
const BATCH = overlappingBatch(SID_A, HISTORY, 3, 4, 21);
const OLD_TIMES = HISTORY.map((c) => c.candle_time);
const NEW_TIMES = [at(10), at(11), at(12), at(13)];

type Step = 'factor.ingest_closed' | 'overlay.ingest_closed';

async function failedRun(step: Step, flags: { overlay: boolean; candles: boolean }, extraFaults: FaultPointId[] = [], batch = BATCH) {
  const env: Env = {
    ...DEBUG_ENV,
    [FLAG.compensateOverlay]: flags.overlay ? '1' : '0',
    [FLAG.compensateCandles]: flags.candles ? '1' : '0',
  };
  const backend = await openBackend(env);
  await backend.service.pipeline.run({ [SID_A]: HISTORY });
  const versionsBefore = await backend.overlays.versions_after(SID_A, 0);
  backend.faults.arm({ point: step, trigger: { mode: 'once' } });
  for (const point of extraFaults) backend.faults.arm({ point, trigger: { mode: 'always' } });
  const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: batch }));
  return { backend, error, versionsBefore };
}

async function storedAt(backend: Awaited<ReturnType<typeof openBackend>>, times: number[]): Promise<ClosedCandle[]> {
  const all = await backend.candles.all(SID_A);
  return all.filter((c) => times.includes(c.candle_time));
}

const OVERWRITTEN = BATCH.slice(0, 3);

describe('each flag alone and both together', () => {
  const cases: {
    step: Step;
    overlay: boolean;
    candles: boolean;
    times: number[];
    overlayReset: boolean;
    fields: { compensated: boolean; overlay_compensated: boolean; candle_compensated_rows: number };
  }[] = [
    { step: 'factor.ingest_closed', overlay: false, candles: false, times: [...OLD_TIMES, ...NEW_TIMES], overlayReset: false, fields: { compensated: false, overlay_compensated: false, candle_compensated_rows: 0 } },
    // The overlay flag is about overlay failures only: a factor failure does not reset the overlay.
    { step: 'factor.ingest_closed', overlay: true, candles: false, times: [...OLD_TIMES, ...NEW_TIMES], overlayReset: false, fields: { compensated: false, overlay_compensated: false, candle_compensated_rows: 0 } },
    { step: 'factor.ingest_closed', overlay: false, candles: true, times: OLD_TIMES, overlayReset: false, fields: { compensated: true, overlay_compensated: false, candle_compensated_rows: 4 } },
    { step: 'factor.ingest_closed', overlay: true, candles: true, times: OLD_TIMES, overlayReset: false, fields: { compensated: true, overlay_compensated: false, candle_compensated_rows: 4 } },
    { step: 'overlay.ingest_closed', overlay: false, candles: false, times: [...OLD_TIMES, ...NEW_TIMES], overlayReset: false, fields: { compensated: false, overlay_compensated: false, candle_compensated_rows: 0 } },
    { step: 'overlay.ingest_closed', overlay: true, candles: false, times: [...OLD_TIMES, ...NEW_TIMES], overlayReset: true, fields: { compensated: true, overlay_compensated: true, candle_compensated_rows: 0 } },
    { step: 'overlay.ingest_closed', overlay: false, candles: true, times: OLD_TIMES, overlayReset: false, fields: { compensated: true, overlay_compensated: false, candle_compensated_rows: 4 } },
    { step: 'overlay.ingest_closed', overlay: true, candles: true, times: OLD_TIMES, overlayReset: true, fields: { compensated: true, overlay_compensated: true, candle_compensated_rows: 4 } },
  ];

  it('the batch really changes the older candles it overlaps (so "new values" can be told apart)', () => {
    expect(OVERWRITTEN.map((c) => c.candle_time)).toEqual([at(7), at(8), at(9)]);
    for (const [i, c] of OVERWRITTEN.entries()) expect(c).not.toEqual(HISTORY[7 + i]);
  });

  it.each(cases)('$step failing, overlay flag $overlay, candle flag $candles', async (c) => {
    const { backend, error, versionsBefore } = await failedRun(c.step, c);
    expect(error.toFields()).toEqual({ step: c.step, series_id: SID_A, cause: `injected fault at ${c.step}`, compensation_error: null, ...c.fields });
    expect(await storedTimes(backend, SID_A)).toEqual(c.times);
    // Older candles the batch overwrote stay, with the batch's values, whatever the flags.
    expect(await storedAt(backend, OVERWRITTEN.map((o) => o.candle_time))).toEqual(OVERWRITTEN);
    if (c.overlayReset) {
      expect(await backend.overlays.versions_after(SID_A, 0)).toEqual([]);
      expect((await heads(backend, SID_A)).overlay).toBeNull();
    } else {
      expect(await backend.overlays.versions_after(SID_A, 0)).toEqual(versionsBefore);
      expect((await heads(backend, SID_A)).overlay).toBe(at(9));
    }
  });
});

describe('only this batch’s new candles are deleted', () => {
  it('a batch of older times only: nothing is deleted, their new values stay', async () => {
    const overlapOnly = overlappingBatch(SID_A, HISTORY, 4, 0, 5);
    const { backend, error } = await failedRun('factor.ingest_closed', { overlay: true, candles: true }, ['store.delete_closed_times'], overlapOnly);
    // Nothing to delete, so the delete (and its armed fault) is never reached.
    expect(error.toFields()).toMatchObject({ compensated: false, candle_compensated_rows: 0, compensation_error: null });
    expect(await storedTimes(backend, SID_A)).toEqual(OLD_TIMES);
    expect(await storedAt(backend, overlapOnly.map((c) => c.candle_time))).toEqual(overlapOnly);
    expect(backend.faults.list().find((f) => f.point === 'store.delete_closed_times')!.fired).toBe(0);
  });

  it('a gap-filling batch: only the filled times go, the neighbours around them stay', async () => {
    const withGap = HISTORY.filter((c) => c.candle_time !== at(4) && c.candle_time !== at(5));
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1' });
    await backend.service.pipeline.run({ [SID_A]: withGap });
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const batch = candles(6, 8, at(3), SID_A); // at(3)..at(8): at(4), at(5) are new, the rest exist
    const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: batch }));
    expect(error.candle_compensated_rows).toBe(2);
    expect(await storedTimes(backend, SID_A)).toEqual(withGap.map((c) => c.candle_time));
  });

  it('only the failing series is compensated: an earlier series of the run keeps its new candles', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1', [FLAG.compensateOverlay]: '1' });
    await backend.service.pipeline.run({ [SID_A]: HISTORY, [SID_B]: candles(10, 6, at(0), SID_B) });
    backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' }, series_id: SID_B });
    const error = await pipelineError(
      backend.service.pipeline.run({ [SID_A]: BATCH, [SID_B]: candles(6, 2, at(8), SID_B) }),
    );
    expect([error.series_id, error.candle_compensated_rows]).toEqual([SID_B, 4]);
    expect(await storedTimes(backend, SID_A)).toEqual([...OLD_TIMES, ...NEW_TIMES]);
    expect(await storedTimes(backend, SID_B)).toEqual(OLD_TIMES);
    expect((await heads(backend, SID_A)).overlay).toBe(at(13));
    expect((await heads(backend, SID_B)).overlay).toBeNull();
  });

  it('the store step is one transaction: its failure compensates nothing, whatever the flags', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1', [FLAG.compensateOverlay]: '1' });
    await backend.service.pipeline.run({ [SID_A]: HISTORY });
    const versions = await backend.overlays.versions_after(SID_A, 0);
    backend.faults.arm({ point: 'store.upsert_many_closed', trigger: { mode: 'once' } });
    const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: BATCH }));
    expect(error.toFields()).toEqual({
      step: 'store.upsert_many_closed',
      series_id: SID_A,
      cause: 'injected fault at store.upsert_many_closed',
      compensated: false,
      overlay_compensated: false,
      candle_compensated_rows: 0,
      compensation_error: null,
    });
    expect(await backend.candles.all(SID_A)).toEqual(HISTORY);
    expect(await backend.overlays.versions_after(SID_A, 0)).toEqual(versions);
  });
});

describe('compensation_error', () => {
  it('a failed overlay reset is reported and nothing counts as compensated', async () => {
    const { backend, error, versionsBefore } = await failedRun('overlay.ingest_closed', { overlay: true, candles: false }, ['overlay.reset_series']);
    expect(error.toFields()).toMatchObject({
      compensated: false,
      overlay_compensated: false,
      candle_compensated_rows: 0,
      compensation_error: 'injected fault at overlay.reset_series',
    });
    expect(await backend.overlays.versions_after(SID_A, 0)).toEqual(versionsBefore);
  });

  it.each(['factor.ingest_closed', 'overlay.ingest_closed'] as const)('a failed delete is reported (at %s) and every candle stays', async (step) => {
    const { backend, error } = await failedRun(step, { overlay: false, candles: true }, ['store.delete_closed_times']);
    expect(error.toFields()).toMatchObject({
      compensated: false,
      candle_compensated_rows: 0,
      compensation_error: 'injected fault at store.delete_closed_times',
    });
    expect(await storedTimes(backend, SID_A)).toEqual([...OLD_TIMES, ...NEW_TIMES]);
  });

  it('a failed reset does not stop the delete: rows deleted, the reset error reported', async () => {
    const { backend, error } = await failedRun('overlay.ingest_closed', { overlay: true, candles: true }, ['overlay.reset_series']);
    expect(error.toFields()).toMatchObject({
      compensated: true,
      overlay_compensated: false,
      candle_compensated_rows: 4,
      compensation_error: 'injected fault at overlay.reset_series',
    });
    expect(await storedTimes(backend, SID_A)).toEqual(OLD_TIMES);
  });

  it('a failed delete after a successful reset: overlay reset, delete error reported', async () => {
    const { backend, error } = await failedRun('overlay.ingest_closed', { overlay: true, candles: true }, ['store.delete_closed_times']);
    expect(error.toFields()).toMatchObject({
      compensated: true,
      overlay_compensated: true,
      candle_compensated_rows: 0,
      compensation_error: 'injected fault at store.delete_closed_times',
    });
    expect((await heads(backend, SID_A)).overlay).toBeNull();
  });

  it('both failing: the reset error, then "; ", then the delete error', async () => {
    const { error } = await failedRun('overlay.ingest_closed', { overlay: true, candles: true }, ['overlay.reset_series', 'store.delete_closed_times']);
    expect(error.compensation_error).toBe('injected fault at overlay.reset_series; injected fault at store.delete_closed_times');
    expect(error.compensated).toBe(false);
  });
});
