import type { CheckpointQuestion } from '../../../src/lesson/lessonTypes';
import { BTC } from '../series';

export const question: CheckpointQuestion = {
  id: 'q4',
  number: 4,
  prompt: {
    en: 'Why does a rebuilt series force an overlay reset?',
    zh: '为什么重建过的 series 必须强制 reset overlay？',
  },
  predict: {
    scenario: 'fingerprint-rebuild',
    intro: {
      en: `The service is restarted with TRADE_CANVAS_FACTOR_LOGIC_VERSION=pivot_pen_v2, so the fingerprint stored with ${BTC}’s factors no longer matches. Then 3 new candles are ingested. No fault is armed. Predict before running.`,
      zh: `服务用 TRADE_CANVAS_FACTOR_LOGIC_VERSION=pivot_pen_v2 重启，${BTC} 因子上存的 fingerprint 因此对不上了。接着 ingest 3 根新 candle。没有注入任何故障。运行之前先预测。`,
    },
    items: [
      {
        id: 'status',
        measure: 'status',
        prompt: { en: 'HTTP status of the ingest', zh: '这次 ingest 的 HTTP 状态码' },
        options: ['200', '409', '500'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
      {
        id: 'new',
        measure: 'new_candles_remain',
        prompt: { en: 'Are the 3 new candles stored afterwards?', zh: '之后那 3 根新 candle 在库里吗？' },
        options: [
          { value: 'yes', label: { en: 'yes', zh: '是' } },
          { value: 'no', label: { en: 'no', zh: '否' } },
        ],
      },
      {
        id: 'overlay',
        measure: 'overlay_compensated',
        prompt: {
          en: 'Does the run report overlay_compensated = true (the overlay reset of a compensation)?',
          zh: '这次运行会不会报告 overlay_compensated = true（即作为补偿的 overlay reset）？',
        },
        options: [
          { value: 'yes', label: { en: 'yes', zh: '会' } },
          { value: 'no', label: { en: 'no', zh: '不会' } },
        ],
      },
    ],
  },
  choice: {
    multi: false,
    prompt: {
      en: 'Why must the overlay of a rebuilt series be reset before it is redrawn?',
      zh: '为什么重建过的 series，在重画 overlay 之前必须先 reset？',
    },
    options: [
      {
        id: 'stale',
        text: {
          en: 'Its instructions were drawn from factors of the old definition, and the incremental overlay step never deletes an instruction the new factors no longer produce',
          zh: '它的指令是按旧定义的因子画的，而增量的 overlay 步骤从不删除新因子已不再产生的指令',
        },
        correct: true,
        feedback: {
          en: 'Right. The overlay step only looks at events visible after its head and writes versions for changed instructions. Markers of pivots that vanished under the new definition would stay, mixed with the new ones; in this lab the draw read would then see them as unexpected and answer 409.',
          zh: '对。overlay 步骤只看 head 之后新可见的事件，只为变化了的指令写新版本。在新定义下消失的 pivot，其标记会留下来，和新标记混在一起；在本实验里，draw read 会把它们判为 unexpected 并返回 409。',
        },
      },
      {
        id: 'error',
        text: { en: 'Because the rebuild is a failure, and the overlay flag compensates it', zh: '因为重建算一种失败，由 overlay 开关来补偿' },
        correct: false,
        feedback: {
          en: 'No. A rebuild is part of a successful run: the ingest answers 200 and no IngestPipelineError is raised. The reset happens whatever TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR says.',
          zh: '不对。重建是一次成功运行的一部分：ingest 返回 200，不会抛 IngestPipelineError。不管 TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR 怎么设，这次 reset 都会发生。',
        },
      },
      {
        id: 'trim',
        text: { en: 'Because the rebuild trimmed candles, and the overlay must match the candle count', zh: '因为重建裁掉了 candle，overlay 要和 candle 数量一致' },
        correct: false,
        feedback: {
          en: 'No. The overlay is derived from factor events, not from the candle count, and with the lab’s 120 candles nothing is trimmed at all. The reason is the change of definition.',
          zh: '不对。overlay 是从因子事件推出来的，与 candle 数量无关；而且实验里只有 120 根 candle，根本不会被裁掉。真正的原因是定义变了。',
        },
      },
      {
        id: 'speed',
        text: { en: 'To make the redraw faster', zh: '为了让重画更快' },
        correct: false,
        feedback: {
          en: 'No. Resetting costs a full redraw of the window; it is done for correctness, not speed.',
          zh: '不对。reset 意味着整个窗口都要重画，代价更大；这么做是为了正确，而不是为了快。',
        },
      },
    ],
  },
  lab_task: {
    scenario: 'fingerprint-rebuild',
    prompt: {
      en: 'Trigger a fingerprint rebuild with a logic version bump, ingest, and show that the rebuilt series still reads with 200.',
      zh: '通过改逻辑版本号触发一次 fingerprint 重建，ingest 一次，并证明重建后的 series 仍能以 200 读取。',
    },
  },
  explain_prompt: {
    en: 'What exactly would a reader of the chart see if the reset were skipped after changing TRADE_CANVAS_PIVOT_WINDOW_MINOR?',
    zh: '如果改了 TRADE_CANVAS_PIVOT_WINDOW_MINOR 之后跳过这次 reset，看图的人到底会看到什么？',
  },
  model_answer: {
    en: 'A fingerprint change means the stored factors were computed under another definition, so the rebuild clears and recomputes them, and the series goes into rebuilt_series. The overlay on disk, however, was drawn from the old factors, and the overlay step is incremental: it only adds or updates instructions for events after its head and never removes ones that the new factors no longer produce. Without a reset the chart would show markers for pivots that no longer exist next to the new ones, factors on one definition and drawings from two. Calling overlay.reset_series before overlay.ingest_closed makes the redraw start from nothing, so every instruction comes from the new factors. This reset is part of a successful run, not a compensation.',
    zh: 'fingerprint 变了，说明已存的因子是在另一套定义下算的，所以重建会清空并重算它们，这条 series 也会进入 rebuilt_series。可是库里的 overlay 是按旧因子画的，而 overlay 步骤是增量的：它只为 head 之后的事件新增或更新指令，从不删除新因子已不再产生的指令。不 reset 的话，图上会出现已经不存在的 pivot 标记和新标记并存——因子是一套定义，图形却混着两套。在 overlay.ingest_closed 之前先调用 overlay.reset_series，重画就从空白开始，每条指令都来自新因子。这次 reset 是成功运行的一部分，不是补偿。',
  },
};
