import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'compensation-fails',
  section: 'compensation-flags',
  title: { en: 'When the compensation itself fails', zh: '补偿本身也失败了' },
  brief: {
    en: `Both compensation flags are on. Two faults are armed for ${BTC}: one on the overlay step, one on overlay.reset_series, the call the compensation makes. Ingest new candles and read compensation_error.`,
    zh: `两个补偿开关都开着。${BTC} 上注入了两个故障：一个在 overlay 步骤，一个在补偿要调用的 overlay.reset_series。ingest 几根新 candle，读一读 compensation_error。`,
  },
  goal: {
    en: 'The overlay step fails, the overlay reset fails (compensation_error = "injected fault at overlay.reset_series", overlay_compensated = false), yet the candle deletion still ran (compensated = true).',
    zh: 'overlay 步骤失败，overlay reset 也失败（compensation_error = "injected fault at overlay.reset_series"，overlay_compensated = false），但 candle 删除照样执行了（compensated = true）。',
  },
  hints: [
    { en: 'Both faults are armed already; ingest new BTC candles.', zh: '两个故障都已注入好，给 BTC ingest 新 candle 即可。' },
    {
      en: 'The two compensation actions are independent: a failed reset does not skip the delete. Compare candle_compensated_rows with the number of new candles.',
      zh: '两个补偿动作互不依赖：reset 失败不会跳过删除。拿 candle_compensated_rows 和新 candle 的根数对一对。',
    },
    {
      en: 'Try it again with a store.delete_closed_times fault armed as well: both errors end up in compensation_error, joined with "; ", and compensated turns false.',
      zh: '再加一个 store.delete_closed_times 故障重跑一次：两个错误都会进 compensation_error，用 "; " 连起来，compensated 也变成 false。',
    },
  ],
  setup: {
    env: {
      ...LEARNER_PRESET_ENV,
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1',
    },
    faults: [
      { point: 'overlay.ingest_closed', trigger: { mode: 'once' }, series_id: BTC },
      { point: 'overlay.reset_series', trigger: { mode: 'once' }, series_id: BTC },
    ],
  },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } }],
  checks: [
    {
      check: 'response',
      path: INGEST_BATCH,
      status: 500,
      detail: detailFor('overlay.ingest_closed', BTC),
      label: { en: `500 with detail ${detailFor('overlay.ingest_closed', BTC)}`, zh: `500，detail 为 ${detailFor('overlay.ingest_closed', BTC)}` },
    },
    {
      check: 'pipeline_error',
      fields: {
        step: 'overlay.ingest_closed',
        compensated: true,
        overlay_compensated: false,
        compensation_error: 'injected fault at overlay.reset_series',
      },
      label: {
        en: 'compensation_error names the failed reset; overlay_compensated false; compensated true',
        zh: 'compensation_error 指出 reset 失败；overlay_compensated 为 false；compensated 为 true',
      },
    },
  ],
};
