import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'factor-fails-orphans',
  section: 'steps',
  title: { en: 'Factor fails, nothing is undone', zh: 'factor 失败，什么都不撤' },
  brief: {
    en: `A fault is armed on factor.ingest_closed for ${BTC}, and both compensation flags are off (their real default). Ingest a few new candles and see what the failed run leaves behind.`,
    zh: `已在 ${BTC} 的 factor.ingest_closed 上注入一次故障，两个补偿开关都关着（也就是线上默认值）。ingest 几根新 candle，看看失败的运行留下了什么。`,
  },
  goal: {
    en: 'The client gets 500 naming the factor step, the batch’s new candles are still in the store (orphans), and the series is out of sync.',
    zh: '客户端拿到指明 factor 步骤的 500；本批新 candle 仍留在 store 里成了孤儿；这条 series 的账本不再一致。',
  },
  hints: [
    { en: 'The fault is already armed: one ingest of new candles for BTC is enough.', zh: '故障已经注入好了，对 BTC ingest 一批新 candle 就够。' },
    {
      en: 'Compare the store head with the factor and overlay heads in the ledger: the store moved, the other two did not.',
      zh: '对比账本里的 store head 和 factor、overlay 两个 head：store 往前走了，另外两个没动。',
    },
    {
      en: 'Nothing compensates because TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES is off: the store step committed before the factor step failed.',
      zh: '没有补偿，是因为 TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES 关着；store 步骤在 factor 失败之前就已经提交了。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV },
    faults: [{ point: 'factor.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } }],
  checks: [
    {
      check: 'response',
      path: INGEST_BATCH,
      status: 500,
      detail: detailFor('factor.ingest_closed', BTC),
      label: { en: `500 with detail ${detailFor('factor.ingest_closed', BTC)}`, zh: `500，detail 为 ${detailFor('factor.ingest_closed', BTC)}` },
    },
    { check: 'orphan_new_candles', series_id: BTC, label: { en: 'The new candles of the failed batch are still stored', zh: '失败批次的新 candle 仍在 store 里' } },
    { check: 'ledger', series_id: BTC, in_sync: false, label: { en: `${BTC} is out of sync (store ahead of factor and overlay)`, zh: `${BTC} 账本不一致（store 跑在 factor 和 overlay 前面）` } },
  ],
};
