import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA, INGEST_BATCH, REPAIR } from '../series';

export const scenario: Scenario = {
  id: 'crash-then-repair',
  section: 'repair-path',
  title: { en: 'A crash between steps: restart, then repair', zh: '步骤之间崩溃：先重启，再修复' },
  brief: {
    en: `The process will die right after factor.ingest_closed for ${BTC}. Ingest, restart, and see whether the chart recovers. Then bring it back the explicit way. The dev and repair routes start switched off.`,
    zh: `进程会在 ${BTC} 的 factor.ingest_closed 之后立刻死掉。ingest、重启，看看图表能不能自己恢复；然后走显式修复把它救回来。dev 路由和修复路由一开始都是关的。`,
  },
  goal: {
    en: 'The ingest gets no answer (status 0); after a restart the draw read still answers 409; the repair is refused with 404 while the flags are off; with both flags on it answers 200 and the draw read is back to 200.',
    zh: 'ingest 收不到响应（status 0）；重启后 draw read 仍是 409；开关关着时修复被 404 拒绝；两个开关都打开后修复返回 200，draw read 恢复 200。',
  },
  hints: [
    {
      en: 'A dead service answers nothing: restart it (same flags) before reading. Then GET /api/draw/delta for BTC: the overlay head is behind the store head.',
      zh: '死掉的服务什么都不回：先用原来的开关重启，再读。接着对 BTC 调 GET /api/draw/delta：overlay head 落在 store head 后面。',
    },
    {
      en: 'POST /api/dev/repair/overlay answers 404 not_found until both TRADE_CANVAS_ENABLE_DEV_API and TRADE_CANVAS_ENABLE_READ_REPAIR_API are on.',
      zh: '在 TRADE_CANVAS_ENABLE_DEV_API 和 TRADE_CANVAS_ENABLE_READ_REPAIR_API 都打开之前，POST /api/dev/repair/overlay 一律返回 404 not_found。',
    },
    {
      en: 'Set both flags to 1, restart, repair BTC, then read the chart again.',
      zh: '把两个开关都设成 1，重启，修复 BTC，再读一次图表。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV },
    faults: [{ point: 'crash.after_factor', trigger: { mode: 'once' }, series_id: BTC }],
  },
  solution: [
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
    { do: 'restart' },
    { do: 'draw_read', series_id: BTC },
    { do: 'repair', series_id: BTC },
    { do: 'restart', env: { TRADE_CANVAS_ENABLE_DEV_API: '1', TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1' } },
    { do: 'repair', series_id: BTC },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    { check: 'response', path: INGEST_BATCH, status: 0, label: { en: 'The crashed ingest got no answer (status 0)', zh: '崩溃的 ingest 没有收到响应（status 0）' } },
    {
      check: 'response',
      path: DRAW_DELTA,
      status: 409,
      detail: 'ledger_out_of_sync:overlay',
      label: { en: 'After the restart the draw read answered 409 ledger_out_of_sync:overlay', zh: '重启后 draw read 返回 409 ledger_out_of_sync:overlay' },
    },
    { check: 'response', path: REPAIR, status: 404, detail: 'not_found', label: { en: 'A repair was refused with 404 not_found', zh: '有一次修复被 404 not_found 拒绝' } },
    { check: 'flag', env: 'TRADE_CANVAS_ENABLE_DEV_API', value: '1', label: { en: 'TRADE_CANVAS_ENABLE_DEV_API is on', zh: 'TRADE_CANVAS_ENABLE_DEV_API 已打开' } },
    { check: 'flag', env: 'TRADE_CANVAS_ENABLE_READ_REPAIR_API', value: '1', label: { en: 'TRADE_CANVAS_ENABLE_READ_REPAIR_API is on', zh: 'TRADE_CANVAS_ENABLE_READ_REPAIR_API 已打开' } },
    { check: 'response', path: REPAIR, status: 200, label: { en: 'A repair answered 200', zh: '有一次修复返回 200' } },
    { check: 'last_response', path: DRAW_DELTA, status: 200, label: { en: 'The last draw read answered 200', zh: '最后一次 draw read 返回 200' } },
  ],
};
