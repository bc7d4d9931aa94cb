import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH } from '../series';

export const scenario: Scenario = {
  id: 'happy-ingest',
  section: 'steps',
  title: { en: 'A healthy ingest, step by step', zh: '一次正常的 ingest，逐步看清' },
  brief: {
    en: `No fault is armed. Send a few new candles for ${BTC} and read the run: three steps, each with its name and duration, and the start/done events in the debug log.`,
    zh: `没有注入任何故障。给 ${BTC} 发几根新 candle，然后看这次运行：三个步骤各自带名字和耗时，debug 日志里有 start 和 done 两条事件。`,
  },
  goal: {
    en: `A batch ingest for ${BTC} answers 200 and the debug log holds its write.http.ingest_candles_closed_batch_done event.`,
    zh: `${BTC} 的一次批量 ingest 返回 200，debug 日志里出现对应的 write.http.ingest_candles_closed_batch_done 事件。`,
  },
  hints: [
    { en: 'Use the ingest panel: the series is the BTC one, the batch can be "next N candles".', zh: '用 ingest 面板：选 BTC 那条 series，批次选“追加 N 根新 candle”即可。' },
    {
      en: 'After the run, open the steps: store.upsert_many_closed, factor.ingest_closed and overlay.ingest_closed, each suffixed with the series id.',
      zh: '跑完之后展开步骤列表：store.upsert_many_closed、factor.ingest_closed、overlay.ingest_closed，每个名字后面都拼着 series id。',
    },
    {
      en: 'The done event carries the same step list (name, ok, duration_ms) in its data.',
      zh: 'done 事件的 data 里带着同一份步骤列表（name、ok、duration_ms）。',
    },
  ],
  setup: { env: { ...LEARNER_PRESET_ENV } },
  solution: [{ do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 5 } }],
  checks: [
    { check: 'response', path: INGEST_BATCH, status: 200, label: { en: 'The batch ingest answered 200', zh: '批量 ingest 返回 200' } },
    {
      check: 'debug_event',
      event: 'write.http.ingest_candles_closed_batch_done',
      data: { series_id: BTC },
      label: { en: `write.http.ingest_candles_closed_batch_done was emitted for ${BTC}`, zh: `${BTC} 产生了 write.http.ingest_candles_closed_batch_done 事件` },
    },
  ],
};
