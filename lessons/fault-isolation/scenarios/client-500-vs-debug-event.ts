import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, INGEST_BATCH, detailFor } from '../series';

export const scenario: Scenario = {
  id: 'client-500-vs-debug-event',
  section: 'errors-to-api',
  title: { en: 'What the client sees, what the operator sees', zh: '客户端看到什么，运维看到什么' },
  brief: {
    en: `A factor fault fires on every ingest of ${BTC}, with new-candle compensation on. The debug API starts switched off here. Get the 500, then make the full error visible to an operator.`,
    zh: `${BTC} 的每次 ingest 都会触发 factor 故障，new-candle 补偿开着。这里的 debug API 一开始是关的。先拿到 500，再想办法让运维能看到完整的错误。`,
  },
  goal: {
    en: `The client gets 500 with the short detail, and the debug log holds write.http.ingest_candles_closed_batch_error with step, series_id and compensated = true.`,
    zh: '客户端拿到带简短 detail 的 500；debug 日志里有 write.http.ingest_candles_closed_batch_error，带着 step、series_id 以及 compensated = true。',
  },
  hints: [
    { en: 'Ingest new BTC candles once and look at the debug log: it stays empty while TRADE_CANVAS_ENABLE_DEBUG_API is off.', zh: '先给 BTC ingest 一次，看 debug 日志：TRADE_CANVAS_ENABLE_DEBUG_API 关着时它一直是空的。' },
    {
      en: 'Turn TRADE_CANVAS_ENABLE_DEBUG_API on and restart the service (flags are read only at start), then ingest again: the fault is armed for every call.',
      zh: '打开 TRADE_CANVAS_ENABLE_DEBUG_API 并重启服务（开关只在启动时读取），再 ingest 一次：这个故障每次都会触发。',
    },
    {
      en: 'Compare the response body ({detail, code}) with the event’s data: error carries the full message with the cause and the compensation suffixes.',
      zh: '对比响应体（{detail, code}）和事件的 data：data.error 里是带 cause 和补偿后缀的完整消息。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_DEBUG_API: '0', TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' },
    faults: [{ point: 'factor.ingest_closed', trigger: { mode: 'always' }, series_id: BTC }],
  },
  solution: [
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
    { do: 'restart', env: { TRADE_CANVAS_ENABLE_DEBUG_API: '1' } },
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
  ],
  checks: [
    {
      check: 'response',
      path: INGEST_BATCH,
      status: 500,
      detail: detailFor('factor.ingest_closed', BTC),
      label: { en: `The client got 500 ${detailFor('factor.ingest_closed', BTC)}`, zh: `客户端拿到 500 ${detailFor('factor.ingest_closed', BTC)}` },
    },
    { check: 'flag', env: 'TRADE_CANVAS_ENABLE_DEBUG_API', value: '1', label: { en: 'TRADE_CANVAS_ENABLE_DEBUG_API is on in the running service', zh: '运行中的服务已打开 TRADE_CANVAS_ENABLE_DEBUG_API' } },
    {
      check: 'debug_event',
      event: 'write.http.ingest_candles_closed_batch_error',
      data: { step: 'factor.ingest_closed', series_id: BTC, compensated: true },
      label: { en: 'The operator’s error event holds step, series_id and compensated = true', zh: '运维侧的错误事件带着 step、series_id 和 compensated = true' },
    },
  ],
};
