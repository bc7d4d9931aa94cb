import type { CheckpointQuestion } from '../../../src/lesson/lessonTypes';
import { BTC, detailFor } from '../series';

const yesNo = [
  { value: 'yes', label: { en: 'yes', zh: '是' } },
  { value: 'no', label: { en: 'no', zh: '否' } },
];

export const question: CheckpointQuestion = {
  id: 'q1',
  number: 1,
  prompt: {
    en: 'Why does IngestPipelineError carry step and the compensation fields?',
    zh: '为什么 IngestPipelineError 要带 step 和补偿相关的字段？',
  },
  predict: {
    scenario: 'overlay-fails-both-flags',
    intro: {
      en: `Both compensation flags are on and an overlay fault is armed for ${BTC}. The batch re-sends the last 2 stored candles with new prices and adds 3 new ones. Predict what the run reports before you run it.`,
      zh: `两个补偿开关都开着，${BTC} 上注入了 overlay 故障。这一批重发库里最后 2 根 candle（改了价），再追加 3 根新的。运行之前，先预测它会报告什么。`,
    },
    items: [
      {
        id: 'status',
        measure: 'status',
        prompt: { en: 'HTTP status the client gets', zh: '客户端拿到的 HTTP 状态码' },
        options: [
          { value: '200', label: { en: '200', zh: '200' } },
          { value: '409', label: { en: '409', zh: '409' } },
          { value: '500', label: { en: '500', zh: '500' } },
          { value: '0', label: { en: '0 (no response)', zh: '0（没有响应）' } },
        ],
      },
      {
        id: 'detail',
        measure: 'detail',
        prompt: { en: 'The detail of the response', zh: '响应里的 detail' },
        options: [
          { value: detailFor('overlay.ingest_closed', BTC), label: { en: detailFor('overlay.ingest_closed', BTC), zh: detailFor('overlay.ingest_closed', BTC) } },
          { value: detailFor('factor.ingest_closed', BTC), label: { en: detailFor('factor.ingest_closed', BTC), zh: detailFor('factor.ingest_closed', BTC) } },
          {
            value: `${detailFor('overlay.ingest_closed', BTC)}:injected fault at overlay.ingest_closed:compensated:overlay_reset:candle_rows:3`,
            label: {
              en: 'the full message, with the cause and the compensation suffixes',
              zh: '完整消息，带 cause 和补偿后缀',
            },
          },
          { value: 'ledger_out_of_sync:overlay', label: { en: 'ledger_out_of_sync:overlay', zh: 'ledger_out_of_sync:overlay' } },
        ],
      },
      { id: 'overlay', measure: 'overlay_compensated', prompt: { en: 'overlay_compensated', zh: 'overlay_compensated 是否为 true' }, options: yesNo },
      {
        id: 'rows',
        measure: 'candle_compensated_rows',
        prompt: { en: 'candle_compensated_rows', zh: 'candle_compensated_rows' },
        options: ['0', '2', '3', '5'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
    ],
  },
  choice: {
    multi: true,
    prompt: {
      en: 'An operator has only the error’s seven fields (from the debug event), no database access. Which of these can they answer?',
      zh: '运维手里只有这条错误的七个字段（来自调试事件），没有数据库权限。下面哪些问题他能回答？',
    },
    options: [
      {
        id: 'where',
        text: { en: 'Which step failed, and for which series', zh: '哪一步失败了、是哪条 series' },
        correct: true,
        feedback: {
          en: 'Yes: step and series_id. Given the list of series in the batch, it also tells them which were finished before (lower ids) and which were never touched (higher ids).',
          zh: '对：step 和 series_id。再结合这一批包含哪些 series，还能推出哪些已经完成（id 更小的），哪些根本没碰（id 更大的）。',
        },
      },
      {
        id: 'undone',
        text: { en: 'Whether the overlay was reset, and how many new candle rows were deleted', zh: 'overlay 有没有被 reset、删了多少行新 candle' },
        correct: true,
        feedback: {
          en: 'Yes: overlay_compensated and candle_compensated_rows. Without them, the same 500 could mean "orphan candles in the store" or "cleaned up", and the operator would have to go and look.',
          zh: '对：overlay_compensated 和 candle_compensated_rows。没有它们，同一个 500 既可能意味着“store 里留着孤儿 candle”，也可能意味着“已经收拾干净”，运维只能自己去查。',
        },
      },
      {
        id: 'comp-failed',
        text: { en: 'Whether the compensation itself failed, and why', zh: '补偿本身有没有失败、为什么失败' },
        correct: true,
        feedback: {
          en: 'Yes: compensation_error. This is the case where the state is worst, so it must not be hidden inside a generic failure.',
          zh: '对：compensation_error。这恰恰是状态最糟的情况，绝不能淹没在一个笼统的失败里。',
        },
      },
      {
        id: 'overwritten',
        text: { en: 'Which older candles the batch overwrote with new values', zh: '这一批用新值覆盖了哪些旧 candle' },
        correct: false,
        feedback: {
          en: 'No. The error counts deleted rows; it does not list existing_times. Overwritten candles keep the batch’s values and are not mentioned at all — the run record has them, the error does not.',
          zh: '不能。错误只记删了几行，不列出 existing_times。被覆盖的 candle 保留本批的值，错误里完全不提——运行记录里有，错误里没有。',
        },
      },
      {
        id: 'in-sync',
        text: { en: 'That the chart of the series can be read again', zh: '这条 series 的图表又能正常读取了' },
        correct: false,
        feedback: {
          en: 'No. The fields say what was undone, not that the ledger is consistent. After an overlay reset, for example, the overlay has no head and the draw read answers 409 until a repair.',
          zh: '不能。这些字段说的是撤销了什么，而不是账本是否一致。比如 overlay 被 reset 之后就没有 head 了，修复之前 draw read 一直返回 409。',
        },
      },
    ],
  },
  lab_task: {
    scenario: 'client-500-vs-debug-event',
    prompt: {
      en: 'Show the two faces of one failure: the client’s short 500, and the operator’s debug event carrying step, series_id and compensated.',
      zh: '展示同一次失败的两面：客户端的简短 500，以及运维那边带着 step、series_id 和 compensated 的调试事件。',
    },
  },
  explain_prompt: {
    en: 'In your own words: what would an operator lose if the pipeline raised a plain error with only a message string?',
    zh: '用你自己的话说：如果 pipeline 只抛一个带消息字符串的普通错误，运维会失去什么？',
  },
  model_answer: {
    en: 'A failed ingest can leave very different states behind: nothing written (store step), orphan candles (factor or overlay step, no compensation), or a cleaned-up series, possibly with an empty overlay. step and series_id say where the run stopped, which also tells you which series finished before it and which were never touched. The compensation fields say what was undone — overlay reset, how many new rows deleted — and compensation_error flags the worst case, where the cleanup itself failed. Because these are fields rather than words in a string, the service can put them in a debug event, count failures by step and let people search them, while the client gets a stable short detail. With a plain error the operator would have to inspect the stores to learn any of this.',
    zh: '一次失败的 ingest 可能留下截然不同的状态：什么都没写（store 步骤失败）、留下孤儿 candle（factor 或 overlay 失败且没补偿），或者已经收拾干净、但 overlay 可能是空的。step 和 series_id 说明运行停在哪里，顺带也说明了哪些 series 在它之前已完成、哪些根本没碰。补偿字段说明撤销了什么——overlay 是否 reset、删了多少新行——而 compensation_error 标出最糟的情况：收拾的动作本身失败了。因为这些是字段而不是字符串里的几个词，服务层才能把它们放进调试事件、按步骤计数、供人检索，同时只给客户端一个稳定的简短 detail。如果只是个普通错误，运维必须亲自去翻存储才能知道这些。',
  },
};
