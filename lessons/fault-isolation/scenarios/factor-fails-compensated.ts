import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'factor-fails-compensated',
  section: 'minimal-compensation',
  title: { en: 'Factor fails, only the new candles go', zh: 'factor 失败，只撤新增的 candle' },
  brief: {
    en: `TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES is on and a factor fault is armed for ${BTC}. Send a batch that re-sends some stored candles with new prices and adds a few new ones, then see which candles the compensation removed.`,
    zh: `TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES 已打开，${BTC} 上注入了 factor 故障。发一批“重写几根已有 candle（改价）+ 追加几根新 candle”的数据，再看补偿删掉了哪些。`,
  },
  goal: {
    en: 'The factor step fails, the compensation deletes only new_candle_times, and at least 3 older candles the batch overwrote are still there (with the batch’s new values).',
    zh: 'factor 步骤失败；补偿只删除 new_candle_times；被本批覆盖的至少 3 根旧 candle 仍然在（保留的是本批写入的新值）。',
  },
  hints: [
    { en: 'A "next N" batch has nothing to overwrite. Use an overlapping batch: overlap ≥ 3, plus some fresh candles.', zh: '“追加 N 根”的批次没有可覆盖的旧 candle。用重叠批次：overlap ≥ 3，再加几根新的。' },
    {
      en: 'In the run, compare existing_times (read before the upsert) with new_candle_times: only the second list is deleted.',
      zh: '在运行记录里对比 existing_times（upsert 之前读出的）和 new_candle_times：被删的只有后者。',
    },
    {
      en: 'candle_compensated_rows equals the number of fresh candles, not the size of the batch.',
      zh: 'candle_compensated_rows 等于新 candle 的根数，而不是整批的根数。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' },
    faults: [{ point: 'factor.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'overlap', overlap: 3, fresh: 4 } }],
  checks: [
    {
      check: 'response',
      path: INGEST_BATCH,
      status: 500,
      detail: detailFor('factor.ingest_closed', BTC),
      label: { en: `500 with detail ${detailFor('factor.ingest_closed', BTC)}`, zh: `500，detail 为 ${detailFor('factor.ingest_closed', BTC)}` },
    },
    {
      check: 'only_new_rolled_back',
      series_id: BTC,
      min_overwritten: 3,
      label: { en: 'Only new candles were deleted; ≥ 3 overwritten older candles stayed', zh: '只删了新 candle；至少 3 根被覆盖的旧 candle 留了下来' },
    },
  ],
};
