import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'overlay-fails-both-flags',
  section: 'compensation-flags',
  title: { en: 'Overlay fails, both flags on', zh: 'overlay 失败，两个开关全开' },
  brief: {
    en: `Both compensation flags are on and an overlay fault is armed for ${BTC}. Send a batch that overwrites the last 2 stored candles and adds 3 new ones, and read what the error says was undone.`,
    zh: `两个补偿开关都开着，${BTC} 上注入了 overlay 故障。发一批“覆盖最近 2 根已有 candle + 追加 3 根新 candle”的数据，读一读错误里说撤销了什么。`,
  },
  goal: {
    en: 'The overlay is reset and the new candles are deleted (compensated = true), while the overwritten older candles stay.',
    zh: 'overlay 被 reset，新 candle 被删除（compensated = true），被覆盖的旧 candle 则保留下来。',
  },
  hints: [
    { en: 'Use an overlapping batch (overlap 2, fresh 3) for BTC.', zh: '对 BTC 用重叠批次（overlap 2，fresh 3）。' },
    {
      en: 'The error message grows a suffix per action: :compensated, :overlay_reset, :candle_rows:<n>.',
      zh: '错误消息会按实际发生的动作追加后缀：:compensated、:overlay_reset、:candle_rows:<n>。',
    },
    {
      en: 'Look at the factor head afterwards: compensation never touches factors, so it stays where the successful factor step left it.',
      zh: '之后看看 factor head：补偿从不碰 factor，所以它停在 factor 步骤成功时推进到的位置。',
    },
  ],
  setup: {
    env: {
      ...LEARNER_PRESET_ENV,
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1',
    },
    faults: [{ point: 'overlay.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'overlap', overlap: 2, fresh: 3 } }],
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
      fields: { step: 'overlay.ingest_closed', compensated: true, overlay_compensated: true },
      label: { en: 'compensated true and overlay_compensated true', zh: 'compensated 为 true，overlay_compensated 为 true' },
    },
    {
      check: 'only_new_rolled_back',
      series_id: BTC,
      min_overwritten: 2,
      label: { en: 'Only new candles were deleted; the 2 overwritten ones stayed', zh: '只删了新 candle；被覆盖的 2 根留了下来' },
    },
  ],
};
