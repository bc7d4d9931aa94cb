import type { CheckpointQuestion } from '../../../src/lesson/lessonTypes';
import { BTC } from '../series';

export const question: CheckpointQuestion = {
  id: 'q5',
  number: 5,
  prompt: {
    en: 'When should the repair API be used rather than restarting the service?',
    zh: '什么情况下应该用修复 API，而不是重启服务？',
  },
  predict: {
    scenario: 'crash-then-repair',
    intro: {
      en: `A crash fault is armed at crash.after_factor for ${BTC}: the process dies after the factor step, before the overlay step. Compensation flags are off. 3 new candles are ingested. Predict before running.`,
      zh: `${BTC} 上注入了 crash.after_factor 崩溃故障：进程在 factor 步骤之后、overlay 步骤之前死掉。补偿开关都关着。ingest 3 根新 candle。运行之前先预测。`,
    },
    items: [
      {
        id: 'status',
        measure: 'status',
        prompt: { en: 'What status does the client get?', zh: '客户端拿到什么状态码？' },
        options: [
          { value: '200', label: { en: '200', zh: '200' } },
          { value: '409', label: { en: '409', zh: '409' } },
          { value: '500', label: { en: '500', zh: '500' } },
          { value: '0', label: { en: '0 (no response at all)', zh: '0（根本没有响应）' } },
        ],
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
        id: 'rows',
        measure: 'candle_compensated_rows',
        prompt: { en: 'candle_compensated_rows reported by the run', zh: '这次运行报告的 candle_compensated_rows' },
        options: ['0', '3'].map((v) => ({ value: v, label: { en: v, zh: v } })),
      },
    ],
  },
  choice: {
    multi: false,
    prompt: {
      en: `After the crash you restart the service, and GET /api/draw/delta for ${BTC} still answers 409 ledger_out_of_sync:overlay. What is the right next step?`,
      zh: `崩溃之后你重启了服务，可对 ${BTC} 调 GET /api/draw/delta 仍然返回 409 ledger_out_of_sync:overlay。下一步该怎么做？`,
    },
    options: [
      {
        id: 'repair',
        text: {
          en: 'Turn on TRADE_CANVAS_ENABLE_DEV_API and TRADE_CANVAS_ENABLE_READ_REPAIR_API, restart, call POST /api/dev/repair/overlay for the series, then read again',
          zh: '打开 TRADE_CANVAS_ENABLE_DEV_API 和 TRADE_CANVAS_ENABLE_READ_REPAIR_API，重启，对该 series 调 POST /api/dev/repair/overlay，然后再读一次',
        },
        correct: true,
        feedback: {
          en: 'Right. The damage is in the stores. The repair pushes the chain with refresh_series, resets and redraws the overlay, and checks both heads before answering 200; the read afterwards confirms it.',
          zh: '对。损坏在存储里。修复会用 refresh_series 推进链路，reset 并重画 overlay，在返回 200 之前核对两个 head；之后的读取用来确认结果。',
        },
      },
      {
        id: 'restart',
        text: { en: 'Restart again: start-up will recompute the overlay', zh: '再重启一次：启动时会重算 overlay' },
        correct: false,
        feedback: {
          en: 'No. Start-up only reads the flags and builds the service; nothing at start looks at the stores. The draw read answers the same 409 after every restart.',
          zh: '不会。启动只是读开关、构建服务，启动过程根本不看存储。重启多少次，draw read 都是那个 409。',
        },
      },
      {
        id: 'flags',
        text: {
          en: 'Turn on both compensation flags and restart: they will clean up the crashed batch',
          zh: '打开两个补偿开关再重启：它们会把崩溃那批收拾干净',
        },
        correct: false,
        feedback: {
          en: 'No. Compensation runs only inside a request that raises IngestPipelineError. A crash raises nothing, and a flag turned on later does not act on the past.',
          zh: '不会。补偿只在抛出 IngestPipelineError 的请求内部执行。崩溃什么都没抛，事后才打开的开关也不会回头处理过去的事。',
        },
      },
      {
        id: 'sql',
        text: { en: 'Delete the crashed batch’s candles by hand in the database', zh: '直接在数据库里手工删掉崩溃那批 candle' },
        correct: false,
        feedback: {
          en: 'No. The candles are fine; it is the overlay that is behind. A hand edit is unrepeatable and unverified, and here it would throw away good data while the factor head stays ahead of the store.',
          zh: '不对。candle 本身没问题，落后的是 overlay。手工改库既不可重复也没人校验，在这里还会丢掉正常的数据，而 factor head 依旧跑在 store 前面。',
        },
      },
    ],
  },
  lab_task: {
    scenario: 'crash-then-repair',
    prompt: {
      en: 'Crash the process between factor and overlay, show that a restart leaves the draw read at 409 and that the repair is refused while its flags are off, then repair and read 200.',
      zh: '让进程死在 factor 和 overlay 之间，证明重启后 draw read 仍是 409、开关关着时修复被拒绝，然后完成修复并读到 200。',
    },
  },
  explain_prompt: {
    en: 'Give one situation where a restart is the right tool, and explain why it is not the right tool for an out-of-sync overlay.',
    zh: '举一个适合用重启解决的情况，再解释为什么它解决不了 overlay 不一致。',
  },
  model_answer: {
    en: 'A restart fixes what lives in the process: a dead or hung service, or flags that must be re-read (the repair route itself only appears after a restart with TRADE_CANVAS_ENABLE_DEV_API and TRADE_CANVAS_ENABLE_READ_REPAIR_API on). It does not fix what lives in the stores: after a crash between steps, a failed compensation or a corrupted instruction, the overlay is behind or wrong, and nothing at start-up looks at it, so the draw read keeps answering 409 ledger_out_of_sync:overlay. That 409 is the signal to use the repair API: it aligns the time, runs refresh_series, resets and redraws the overlay, and verifies both heads, answering 409 ledger_out_of_sync:factor|overlay if it cannot. Because it is a gated, scripted call with a debug event, it can be repeated, audited and rehearsed, unlike a restart that merely hopes or a hand edit.',
    zh: '重启能解决的是进程里的问题：服务死了或卡住了，或者开关需要重新读取（修复路由本身就要在打开 TRADE_CANVAS_ENABLE_DEV_API 和 TRADE_CANVAS_ENABLE_READ_REPAIR_API 之后重启才会出现）。它解决不了存储里的问题：步骤之间崩溃、补偿失败或指令被破坏之后，overlay 落后了或者画错了，而启动过程根本不看它，所以 draw read 一直返回 409 ledger_out_of_sync:overlay。这个 409 就是该用修复 API 的信号：它对齐时间、执行 refresh_series、reset 并重画 overlay，再校验两个 head，做不到就返回 409 ledger_out_of_sync:factor|overlay。它是有门禁、有固定步骤、会发调试事件的调用，可以重复、可以审计、可以演练——不像重启只是碰运气，也不像手工改库。',
  },
};
