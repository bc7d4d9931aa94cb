import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA } from '../series';

export const scenario: Scenario = {
  id: 'factor-fails-both-flags',
  section: 'compensation-flags',
  title: { en: 'Where the overlay flag stops: a factor failure', zh: 'overlay 开关的边界：factor 失败时' },
  brief: {
    en: `Both compensation flags are on, but this time the fault is on factor.ingest_closed for ${BTC}. Ingest new candles: which compensation runs, and which does not? Then read the chart.`,
    zh: `两个补偿开关都开着，但这次故障打在 ${BTC} 的 factor.ingest_closed 上。ingest 几根新 candle：哪种补偿执行了，哪种没有？然后读一次图表。`,
  },
  goal: {
    en: 'The factor step fails with overlay_compensated = false but compensated = true (new candles deleted), and a later draw read of BTC answers 200.',
    zh: 'factor 步骤失败，overlay_compensated = false 而 compensated = true（新 candle 被删）；之后对 BTC 的 draw read 返回 200。',
  },
  hints: [
    { en: 'One ingest of new BTC candles triggers the fault.', zh: '给 BTC ingest 一批新 candle 就会触发故障。' },
    {
      en: 'The overlay reset belongs to overlay failures only. Here the overlay step never ran, so there is nothing of this batch in the overlay to undo.',
      zh: 'overlay reset 只属于 overlay 失败。这里 overlay 步骤根本没跑，overlay 里没有本批留下的任何东西需要撤。',
    },
    {
      en: 'After the deletion the store head is back where it was, and so are the factor and overlay heads: GET /api/draw/delta has nothing to complain about.',
      zh: '删除之后 store head 回到原处，factor 和 overlay 的 head 也都还在原处：GET /api/draw/delta 没什么可抱怨的。',
    },
  ],
  setup: {
    env: {
      ...LEARNER_PRESET_ENV,
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1',
    },
    faults: [{ point: 'factor.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    {
      check: 'pipeline_error',
      fields: { step: 'factor.ingest_closed', series_id: BTC, compensated: true, overlay_compensated: false },
      label: { en: 'factor.ingest_closed failed: compensated true, overlay_compensated false', zh: 'factor.ingest_closed 失败：compensated 为 true，overlay_compensated 为 false' },
    },
    { check: 'last_response', path: DRAW_DELTA, status: 200, label: { en: 'The last draw read answered 200', zh: '最后一次 draw read 返回 200' } },
  ],
};
