import { describe, expect, it } from 'vitest';
import {
  LabBackend,
  ManualClock,
  blastRadius,
  compareRollbacks,
  overlappingBatch,
  readLedgerTables,
  runWhatIf,
  seedHistory,
  LEARNER_PRESET_ENV,
} from '../../../src/core/index';

const SID = 'binance:futures:BTC/USDT:1m';
const COMPENSATE = 'TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES';
let n = 0;

async function seeded(env = LEARNER_PRESET_ENV) {
  const backend = await LabBackend.open({ dbName: `lab-tools-${n++}`, env, clock: new ManualClock() });
  await seedHistory(backend, { series: [SID], count: 40 });
  return backend;
}

describe('snapshots', () => {
  it('restoreState puts every table, the env and the faults back exactly', async () => {
    const backend = await seeded();
    const snap = await backend.exportState();
    const history = await backend.candles.all(SID);
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'always' } });
    await backend.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles: overlappingBatch(SID, history, 3, 4, 9) });
    await backend.restart({ ...LEARNER_PRESET_ENV, [COMPENSATE]: '1' });
    expect(await backend.candles.count(SID)).toBe(44);

    await backend.restoreState(snap);
    expect(await readLedgerTables(backend.db)).toEqual(snap.tables);
    expect(backend.env).toEqual(LEARNER_PRESET_ENV);
    expect(backend.faults.list()).toEqual([]);
  });
});

describe('blast radius and range rollback', () => {
  it('after compensation: only new candles removed, overwritten ones kept, range delete would lose history', async () => {
    const backend = await seeded({ ...LEARNER_PRESET_ENV, [COMPENSATE]: '1' });
    const before = await readLedgerTables(backend.db);
    const history = await backend.candles.all(SID);
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const batch = overlappingBatch(SID, history, 3, 5, 11);
    const trace = await backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: SID, candles: batch } });
    expect(trace.response.status).toBe(500);
    const after = await readLedgerTables(backend.db);

    const blast = blastRadius(before, after, trace);
    const verdict = blast.candles.find((c) => c.series_id === SID)!;
    const overwrittenTimes = batch.slice(0, 3).map((c) => c.candle_time);
    const newTimes = batch.slice(3).map((c) => c.candle_time);
    expect(verdict.older_removed).toEqual([]);
    expect(verdict.only_new_removed).toBe(true);
    expect(verdict.overwritten).toEqual(overwrittenTimes);
    expect(verdict.rolled_back).toEqual(newTimes);
    expect(verdict.untouched).toBe(37);
    expect(blast.tables.candles.removed).toEqual([]);

    const [cmp] = compareRollbacks(before.candles, trace);
    expect(cmp!.minimal).toEqual(newTimes);
    expect(cmp!.history_lost).toEqual(overwrittenTimes);
    expect(cmp!.naive).toEqual([...overwrittenTimes, ...newTimes]);
  });
});

describe('what if', () => {
  it('the same fault ends differently with the compensation flag flipped, and the lab is untouched', async () => {
    const backend = await seeded();
    const snap = await backend.exportState();
    const history = await backend.candles.all(SID);
    const request = {
      method: 'POST' as const,
      path: '/api/market/ingest/candles_closed_batch',
      body: { series_id: SID, candles: overlappingBatch(SID, history, 2, 4, 5) },
    };
    const { a, b } = await runWhatIf(snap, request, [{ point: 'overlay.ingest_closed', trigger: { mode: 'once' } }], LEARNER_PRESET_ENV, {
      ...LEARNER_PRESET_ENV,
      [COMPENSATE]: '1',
    });
    expect(a.trace.error?.candle_compensated_rows).toBe(0);
    expect(a.blast.candles[0]!.added_kept).toHaveLength(4);
    expect(b.trace.error?.candle_compensated_rows).toBe(4);
    expect(b.blast.candles[0]!.rolled_back).toHaveLength(4);
    expect(await backend.candles.count(SID)).toBe(40);
  });
});
