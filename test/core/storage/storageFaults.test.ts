/**
 * Storage faults in the middle of the store step's transaction — a plain error, the
 * browser's QuotaExceededError, and that error wrapped in an AbortError as Dexie reports
 * an aborted transaction — leave every ledger table exactly as it was and produce a
 * cause that says what happened. The same file runs on real IndexedDB in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { LabBackend, LEARNER_PRESET_ENV, ManualClock, overlappingBatch, readLedgerTables, seedHistory } from '../../../src/core/index';
import type { FaultErrorKind } from '../../../src/core/faults/faultInjector';

const SID = 'binance:futures:BTC/USDT:1m';
let n = 0;

describe.each<[FaultErrorKind, RegExp]>([
  ['error', /^injected fault at store\.upsert_many_closed\.mid_transaction$/],
  ['quota_exceeded', /^QuotaExceededError: /],
  ['quota_exceeded_in_abort', /^AbortError: QuotaExceededError: /],
])('a %s halfway through the store transaction', (kind, cause) => {
  it('leaves every table unchanged and names the error', async () => {
    const backend = await LabBackend.open({ dbName: `storage-fault-${kind}-${n++}`, env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' }, clock: new ManualClock() });
    await seedHistory(backend, { series: [SID], count: 30 });
    const before = await readLedgerTables(backend.db);
    backend.faults.arm({ point: 'store.upsert_many_closed.mid_transaction', trigger: { mode: 'once' }, error: kind });

    const batch = overlappingBatch(SID, await backend.candles.all(SID), 4, 6, 3);
    const trace = await backend.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: SID, candles: batch } });

    expect(trace.response).toEqual({
      status: 500,
      body: { detail: `ingest_pipeline_failed:store.upsert_many_closed:${SID}`, code: 'market.ingest_pipeline_failed' },
    });
    expect(trace.error?.step).toBe('store.upsert_many_closed');
    expect(trace.error?.cause).toMatch(cause);
    expect(trace.error?.compensated).toBe(false);
    expect(await readLedgerTables(backend.db)).toEqual(before);
    backend.close();
  });
});
