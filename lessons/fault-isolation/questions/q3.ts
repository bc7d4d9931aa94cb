import type { CheckpointQuestion } from '../../../src/lesson/lessonTypes';
import { BTC } from '../series';

export const question: CheckpointQuestion = {
  id: 'q3',
  number: 3,
  prompt: {
    en: 'Where is the boundary between overlay compensation and candle compensation?',
    zh: 'overlay 补偿和 candle 补偿的边界在哪里？',
  },
  predict: {
    scenario: 'overlay-fails-reset-only',
    intro: {
      en: `Only TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR is on. An overlay fault is armed for ${BTC}, and 3 new candles are ingested. Predict before running.`,
      zh: `只打开了 TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR。${BTC} 上注入了 overlay 故障，ingest 3 根新 candle。运行之前先预测。`,
    },
    items: [
      {
        id: 'overlay',
        measure: 'overlay_compensated',
        prompt: { en: 'overlay_compensated', zh: 'overlay_compensated 是否为 true' },
        options: [
          { value: 'yes', label: { en: 'yes', zh: '是' } },
          { value: 'no', label: { en: 'no', zh: '否' } },
        ],
      },
      {
        id: 'rows',
        measure: 'candle_compensated_rows',
        prompt: { en: 'candle_compensated_rows', zh: 'candle_compensated_rows' },
        options: ['0', '3'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
      {
        id: 'new',
        measure: 'new_candles_remain',
        prompt: { en: 'Are the 3 new candles still stored?', zh: '那 3 根新 candle 还在库里吗？' },
        options: [
          { value: 'yes', label: { en: 'yes', zh: '是' } },
          { value: 'no', label: { en: 'no', zh: '否' } },
        ],
      },
    ],
  },
  choice: {
    multi: true,
    prompt: { en: 'Which statements are true of the two compensation flags?', zh: '关于两个补偿开关，下面哪些说法是对的？' },
    options: [
      {
        id: 'overlay-only-overlay',
        text: { en: 'The overlay reset runs only when the overlay step failed', zh: 'overlay reset 只在 overlay 步骤失败时执行' },
        correct: true,
        feedback: {
          en: 'Right. Only an overlay failure can leave part of this batch in the overlay; after a factor failure the overlay step never ran.',
          zh: '对。只有 overlay 失败才可能在 overlay 里留下本批的一部分；factor 失败时 overlay 步骤根本没跑。',
        },
      },
      {
        id: 'candles-both',
        text: { en: 'The candle delete runs after a factor or an overlay failure, when its flag is on', zh: 'candle 删除在 factor 或 overlay 失败后执行，前提是它的开关打开' },
        correct: true,
        feedback: {
          en: 'Right. In both cases the candles were committed by the store step before the failure, so they are this batch’s side effects.',
          zh: '对。两种情况下 candle 都已经在失败之前由 store 步骤提交了，它们就是本批的副作用。',
        },
      },
      {
        id: 'store',
        text: { en: 'A failure in store.upsert_many_closed triggers the candle delete', zh: 'store.upsert_many_closed 失败会触发 candle 删除' },
        correct: false,
        feedback: {
          en: 'No. The upsert is one transaction: when it fails, nothing was written, so there is nothing to delete. The error says compensated = false even with both flags on.',
          zh: '不会。upsert 是一个事务：它失败时什么都没写进去，自然没什么可删。即使两个开关都开着，错误里也是 compensated = false。',
        },
      },
      {
        id: 'factor-resets',
        text: { en: 'With both flags on, a factor failure also resets the overlay', zh: '两个开关都开时，factor 失败也会 reset overlay' },
        correct: false,
        feedback: {
          en: 'No. The overlay flag is about overlay failures only. A factor failure with both flags on gives overlay_compensated = false and only deletes the new candles.',
          zh: '不会。overlay 开关只管 overlay 失败。两个开关都开时 factor 失败，overlay_compensated = false，只会删除新 candle。',
        },
      },
      {
        id: 'reset-blocks',
        text: { en: 'If the overlay reset fails, the candle delete is skipped', zh: '如果 overlay reset 失败，candle 删除就会被跳过' },
        correct: false,
        feedback: {
          en: 'No. The two actions are independent. A failed reset is recorded in compensation_error and the delete still runs; compensated can still be true.',
          zh: '不会。两个动作互不影响。reset 失败记入 compensation_error，删除照样执行；compensated 仍可能为 true。',
        },
      },
    ],
  },
  lab_task: {
    scenario: 'factor-fails-both-flags',
    prompt: {
      en: 'With both flags on, make a factor failure and show that it deletes the new candles but does not reset the overlay — and that the chart still reads fine.',
      zh: '在两个开关都打开的情况下制造一次 factor 失败，证明它删掉了新 candle 却没有 reset overlay——并且图表仍然能正常读取。',
    },
  },
  explain_prompt: {
    en: 'Describe the boundary in terms of which step had already written what when the failure happened.',
    zh: '请从“失败发生时，哪一步已经写了什么”的角度描述这条边界。',
  },
  model_answer: {
    en: 'Each compensation undoes something a step had already written when the failure came. The store step has committed the candles by the time the factor or overlay step runs, so new-candle compensation (TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES) applies to failures in either of those two steps, and deletes only new_candle_times. Only the overlay step writes the overlay, so the overlay reset (TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR) applies only when the overlay step itself fails. A store failure triggers neither, because its transaction left nothing behind. The two are independent: either can be on alone, and one failing does not stop the other; neither touches the factor store.',
    zh: '每种补偿撤销的，都是失败发生时某一步已经写下的东西。factor 或 overlay 步骤运行时，store 步骤已经提交了 candle，所以 new-candle 补偿（TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES）适用于这两步中任何一步的失败，而且只删 new_candle_times。只有 overlay 步骤会写 overlay，所以 overlay reset（TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR）只在 overlay 步骤本身失败时才执行。store 失败两者都不触发，因为它的事务什么都没留下。两者相互独立：可以只开其中一个，一个失败也不会拦住另一个；两者都不碰因子存储。',
  },
};
