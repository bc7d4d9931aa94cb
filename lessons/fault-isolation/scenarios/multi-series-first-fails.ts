import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, ETH, PIPELINE_RUN } from '../series';

export const scenario: Scenario = {
  id: 'multi-series-first-fails',
  section: 'steps',
  title: { en: 'Two series in one run, the first one fails', zh: '一次运行两条 series，第一条就失败' },
  brief: {
    en: `A factor fault is armed for ${BTC} only. Run one IngestPipeline.run over both series (list ETH first if you like: the pipeline sorts by id, so BTC still goes first) and check what happened to ${ETH}.`,
    zh: `只给 ${BTC} 注入了 factor 故障。用一次 IngestPipeline.run 同时写两条 series（可以故意把 ETH 写在前面：pipeline 按 id 升序排，BTC 仍然先跑），然后看 ${ETH} 怎么样了。`,
  },
  goal: {
    en: `The run fails at BTC’s factor step, BTC’s new candles stay behind, and ${ETH} gets no candle at all from that run.`,
    zh: `运行停在 BTC 的 factor 步骤；BTC 的新 candle 留在 store 里；${ETH} 在这次运行里一根 candle 都没写进去。`,
  },
  hints: [
    { en: 'Use the multi-series run (ingest_multi), with a batch for each of the two series.', zh: '用多 series 运行（ingest_multi），两条 series 各给一个批次。' },
    {
      en: `Series are processed in ascending id order, and '${BTC}' < '${ETH}'. The first failure stops the whole run.`,
      zh: `series 按 id 升序处理，'${BTC}' < '${ETH}'。第一个失败就让整次运行停下。`,
    },
    {
      en: 'Then try it the other way round: arm the fault for ETH instead, and BTC’s three steps all finish and stay committed.',
      zh: '再反过来试：把故障改成只打 ETH，BTC 的三步会全部完成并保持已提交。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV },
    faults: [{ point: 'factor.ingest_closed', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [
    {
      do: 'ingest_multi',
      batches: [
        { series_id: ETH, batch: { kind: 'next', count: 3 } },
        { series_id: BTC, batch: { kind: 'next', count: 3 } },
      ],
    },
  ],
  checks: [
    { check: 'response', path: PIPELINE_RUN, status: 500, label: { en: 'The pipeline run failed (500)', zh: 'pipeline 运行失败（500）' } },
    {
      check: 'pipeline_error',
      fields: { step: 'factor.ingest_closed', series_id: BTC },
      label: { en: `IngestPipelineError names factor.ingest_closed and ${BTC}`, zh: `IngestPipelineError 指明 factor.ingest_closed 和 ${BTC}` },
    },
    { check: 'orphan_new_candles', series_id: BTC, label: { en: 'BTC’s new candles are still stored', zh: 'BTC 的新 candle 仍在 store 里' } },
    { check: 'series_untouched', series_id: ETH, label: { en: `${ETH} was in the batch but never written`, zh: `${ETH} 在批次里，却一根都没写` } },
  ],
};
