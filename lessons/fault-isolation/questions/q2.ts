import type { CheckpointQuestion } from '../../../src/lesson/lessonTypes';
import { BTC } from '../series';

const yesNoSome = [
  { value: 'yes', label: { en: 'yes, all of them', zh: '是，全部还在' } },
  { value: 'some', label: { en: 'some of them', zh: '只剩一部分' } },
  { value: 'no', label: { en: 'no, none of them', zh: '否，一根都不在' } },
];

export const question: CheckpointQuestion = {
  id: 'q2',
  number: 2,
  prompt: {
    en: 'Why does compensation delete only new_candle_times and not everything in the time range?',
    zh: '为什么补偿只删 new_candle_times，而不是把时间范围内的全删掉？',
  },
  predict: {
    scenario: 'factor-fails-compensated',
    intro: {
      en: `TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES is on and a factor fault is armed for ${BTC}. The batch re-sends the last 3 stored candles with new prices and adds 4 new ones. Predict before running.`,
      zh: `TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES 已打开，${BTC} 上注入了 factor 故障。这一批重发库里最后 3 根 candle（改了价），再追加 4 根新的。运行之前先预测。`,
    },
    items: [
      {
        id: 'status',
        measure: 'status',
        prompt: { en: 'HTTP status', zh: 'HTTP 状态码' },
        options: ['200', '409', '500'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
      {
        id: 'rows',
        measure: 'candle_compensated_rows',
        prompt: { en: 'candle_compensated_rows', zh: 'candle_compensated_rows' },
        options: ['0', '3', '4', '7'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
      { id: 'new', measure: 'new_candles_remain', prompt: { en: 'Are the 4 new candles still stored?', zh: '那 4 根新 candle 还在库里吗？' }, options: yesNoSome },
      {
        id: 'overwritten',
        measure: 'overwritten_candles_remain',
        prompt: { en: 'Are the 3 overwritten older candles still stored?', zh: '那 3 根被覆盖的旧 candle 还在库里吗？' },
        options: [
          { value: 'yes', label: { en: 'yes', zh: '是' } },
          { value: 'no', label: { en: 'no', zh: '否' } },
        ],
      },
    ],
  },
  choice: {
    multi: false,
    prompt: {
      en: 'Same batch, same failure. What would "delete every candle from the batch’s first time to its last" have done that the real compensation avoids?',
      zh: '同样的批次、同样的失败。“把本批第一根到最后一根之间的 candle 全删掉”会造成什么后果，而真实的补偿避免了它？',
    },
    options: [
      {
        id: 'history',
        text: { en: 'Deleted the 3 older candles too: history that existed before the batch arrived', zh: '连那 3 根旧 candle 一起删掉：它们是这批数据到来之前就存在的历史' },
        correct: true,
        feedback: {
          en: 'Right. The range covers the overwritten candles. They were not created by this write, so undoing this write must not remove them; after a range delete they are simply gone, with no error and nothing upstream to refill them.',
          zh: '对。这个范围覆盖了被改写的那几根。它们不是这次写入造出来的，撤销这次写入就不该删掉它们；按范围删完，它们就这样没了，不报错，上游也不会再补。',
        },
      },
      {
        id: 'restore',
        text: { en: 'Restored the 3 older candles to their old prices', zh: '把那 3 根旧 candle 恢复成原来的价格' },
        correct: false,
        feedback: {
          en: 'No delete restores anything: neither approach keeps a copy of the old values. Minimal compensation leaves the overwritten candles with the batch’s new values; a range delete would remove them.',
          zh: '删除不会恢复任何东西：两种做法都没有保存旧值的副本。最小补偿让被覆盖的 candle 保留本批的新值；按范围删除则会把它们删掉。',
        },
      },
      {
        id: 'same',
        text: { en: 'Nothing different: the range only holds this batch’s candles', zh: '没有区别：范围里只有本批的 candle' },
        correct: false,
        feedback: {
          en: 'Only when the batch does not overlap history. This one re-sends 3 stored candles, so the range holds 7 candles of which only 4 are new — exactly the case minimal compensation exists for.',
          zh: '只有批次和历史不重叠时才是这样。这一批重发了 3 根已存的 candle，所以范围里有 7 根，其中只有 4 根是新的——最小补偿正是为这种情况而设计的。',
        },
      },
      {
        id: 'factors',
        text: { en: 'Rolled the factor head back as well', zh: '顺带把 factor head 也回滚了' },
        correct: false,
        feedback: {
          en: 'No. Candle compensation, minimal or not, only deletes candle rows; it never touches the factor or overlay stores. Here the factor step failed before computing anything, so the factor head did not move anyway.',
          zh: '不会。candle 补偿不管删多删少，都只删 candle 行，从不碰 factor 或 overlay 的存储。这里 factor 步骤在算任何东西之前就失败了，factor head 本来也没动。',
        },
      },
    ],
  },
  lab_task: {
    scenario: 'factor-fails-compensated',
    prompt: {
      en: 'Make a factor failure whose compensation deletes only the new candles while at least 3 overwritten older candles stay.',
      zh: '制造一次 factor 失败，让补偿只删除新 candle，同时至少 3 根被覆盖的旧 candle 保留下来。',
    },
  },
  explain_prompt: {
    en: 'Explain why the pipeline reads existing_times before the upsert rather than after the failure.',
    zh: '解释一下：为什么 pipeline 要在 upsert 之前读 existing_times，而不是等失败之后再去查？',
  },
  model_answer: {
    en: 'A batch may overlap history: it can re-send stored candles with corrected prices as well as add new ones. Only the new ones are side effects of this write; the overwritten ones existed before and belong to history. That is why the store step reads existing_times before the upsert — afterwards every time in the batch exists, and the two kinds can no longer be told apart — and records new_candle_times as the rest. Compensation then deletes exactly those, so the overwritten candles stay, with the batch’s new values. A range delete would also remove the overwritten candles, silently losing data that nothing upstream will send again.',
    zh: '一个批次可能和历史重叠：它既会追加新 candle，也会把已存的 candle 改价重发。只有新增的才是这次写入的副作用；被覆盖的那些原本就存在，属于历史。所以 store 步骤要在 upsert 之前读 existing_times——写完之后本批每个时间点都已存在，两类就再也分不清了——剩下的记为 new_candle_times。补偿只删这些，被覆盖的 candle 就留了下来，保留本批写入的新值。按范围删除则会把被覆盖的 candle 一起删掉，悄无声息地丢掉上游不会再发一遍的数据。',
  },
};
