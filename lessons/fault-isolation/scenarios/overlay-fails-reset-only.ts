import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA } from '../series';

export const scenario: Scenario = {
  id: 'overlay-fails-reset-only',
  section: 'compensation-flags',
  title: { en: 'Overlay fails, only the overlay flag is on', zh: 'overlay 失败，只开了 overlay 补偿' },
  brief: {
    en: `Only TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR is on, and an overlay fault is armed for ${BTC}. Ingest new candles, then ask the chart for that series.`,
    zh: `只打开了 TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR，${BTC} 上注入了 overlay 故障。ingest 几根新 candle，然后向图表读一次这条 series。`,
  },
  goal: {
    en: 'The overlay is reset (overlay_compensated = true) but no candle is deleted, so the new candles stay; the draw read then answers 409 ledger_out_of_sync:overlay.',
    zh: 'overlay 被 reset（overlay_compensated = true），但一根 candle 都没删，新 candle 留着；随后的 draw read 返回 409 ledger_out_of_sync:overlay。',
  },
  hints: [
    { en: 'Ingest a few new BTC candles; the fault fires on the overlay step, after store and factor succeeded.', zh: '给 BTC ingest 几根新 candle；故障打在 overlay 步骤上，此时 store 和 factor 都已成功。' },
    {
      en: 'The candle flag is off, so candle_compensated_rows stays 0 even though the overlay was reset.',
      zh: 'candle 开关关着，所以即使 overlay 被 reset，candle_compensated_rows 仍然是 0。',
    },
    {
      en: 'Then read GET /api/draw/delta for BTC: a reset overlay has no head, and the read side says so instead of drawing nothing silently.',
      zh: '接着对 BTC 调 GET /api/draw/delta：reset 后的 overlay 没有 head，读侧会明确报出来，而不是默默画一张空图。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1' },
    faults: [{ point: 'overlay.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    {
      check: 'pipeline_error',
      fields: { step: 'overlay.ingest_closed', series_id: BTC, overlay_compensated: true, candle_compensated_rows: 0 },
      label: { en: 'overlay.ingest_closed failed: overlay_compensated true, candle_compensated_rows 0', zh: 'overlay.ingest_closed 失败：overlay_compensated 为 true，candle_compensated_rows 为 0' },
    },
    { check: 'orphan_new_candles', series_id: BTC, label: { en: 'The new candles are still stored', zh: '新 candle 仍在 store 里' } },
    {
      check: 'response',
      path: DRAW_DELTA,
      status: 409,
      detail: 'ledger_out_of_sync:overlay',
      label: { en: 'The draw read answered 409 ledger_out_of_sync:overlay', zh: 'draw read 返回 409 ledger_out_of_sync:overlay' },
    },
  ],
};
