import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'store-fails-atomic',
  section: 'structured-error',
  title: { en: 'The store step fails: nothing to undo', zh: 'store 步骤失败：无需补偿' },
  brief: {
    en: 'Both compensation flags are on, and a fault will abort the candle write halfway through its transaction. Ingest a batch and read the error’s fields: which step, and what was compensated?',
    zh: '两个补偿开关都开着，一个故障会让 candle 写事务进行到一半时中止。ingest 一批，读一读错误的各个字段：哪一步失败？补偿了什么？',
  },
  goal: {
    en: 'The error names store.upsert_many_closed with compensated = false and candle_compensated_rows = 0, although both flags are on.',
    zh: '错误指明 store.upsert_many_closed，compensated = false、candle_compensated_rows = 0——尽管两个开关都开着。',
  },
  hints: [
    { en: 'The fault is armed at store.upsert_many_closed.mid_transaction: just ingest new candles for BTC.', zh: '故障在 store.upsert_many_closed.mid_transaction 上，直接给 BTC ingest 新 candle。' },
    {
      en: 'Count the BTC candles before and after: the half-written rows are gone, because the transaction aborted as a whole.',
      zh: '数一数前后 BTC 的 candle：写了一半的行都没留下，因为整个事务一起中止了。',
    },
    {
      en: 'Compensation is for side effects that were committed. A store failure committed nothing, so both flags have nothing to do.',
      zh: '补偿只针对已提交的副作用。store 失败时什么都没提交，两个开关自然无事可做。',
    },
  ],
  setup: {
    env: {
      ...LEARNER_PRESET_ENV,
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1',
    },
    faults: [{ point: 'store.upsert_many_closed.mid_transaction', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 6 } }],
  checks: [
    {
      check: 'response',
      path: INGEST_BATCH,
      status: 500,
      detail: detailFor('store.upsert_many_closed', BTC),
      label: { en: `500 with detail ${detailFor('store.upsert_many_closed', BTC)}`, zh: `500，detail 为 ${detailFor('store.upsert_many_closed', BTC)}` },
    },
    {
      check: 'pipeline_error',
      fields: { step: 'store.upsert_many_closed', compensated: false, overlay_compensated: false, candle_compensated_rows: 0, compensation_error: null },
      label: {
        en: 'IngestPipelineError: step store.upsert_many_closed, compensated false, candle_compensated_rows 0',
        zh: 'IngestPipelineError：step 为 store.upsert_many_closed，compensated 为 false，candle_compensated_rows 为 0',
      },
    },
  ],
};
