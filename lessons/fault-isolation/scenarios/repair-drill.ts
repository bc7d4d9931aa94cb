import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA, ETH } from '../series';

export const scenario: Scenario = {
  id: 'repair-drill',
  section: 'repair-path',
  title: { en: 'Repair drill: bring the chart back', zh: '修复演练：把图表救回来' },
  brief: {
    en: 'Something went wrong before you arrived: one series was left half-compensated, another by a crash. The dev and repair routes are on. Using only the draw read and the repair API, find each broken series, repair it and confirm. You are scored on the number of draw reads and repair calls.',
    zh: '你到场之前已经出过事：一条 series 被补偿了一半，另一条是崩溃留下的。dev 路由和修复路由已打开。只用 draw read 和修复 API，找出每条坏掉的 series，修好并确认。得分看 draw read 和修复调用的总次数。',
  },
  goal: {
    en: 'Each broken series was found with a draw read (409) and repaired (200), both series are in sync again, and the last draw read answers 200.',
    zh: '每条坏掉的 series 都先用 draw read 查出（409）再修复（200）；两条 series 重新一致；最后一次 draw read 返回 200。',
  },
  hints: [
    {
      en: `Read GET /api/draw/delta for ${BTC} and for ${ETH}. The debug event read.http.draw_delta.overlay_out_of_sync gives the reason for each.`,
      zh: `分别对 ${BTC} 和 ${ETH} 调 GET /api/draw/delta。调试事件 read.http.draw_delta.overlay_out_of_sync 会给出各自的原因。`,
    },
    {
      en: 'BTC’s overlay was reset by the compensation (no head at all); ETH’s overlay head is behind after the crash. One repair call per series fixes both kinds.',
      zh: 'BTC 的 overlay 被补偿 reset 了（head 都没了）；ETH 的 overlay head 在崩溃后落后了。每条 series 调一次修复，两种情况都能修好。',
    },
    {
      en: 'The repair already verifies the heads before it answers 200, so one final draw read is enough to confirm. Best route: 2 reads, 2 repairs, 1 read.',
      zh: '修复在返回 200 之前已经校验过 head，所以最后读一次确认就够了。最优路线：2 次读、2 次修复、1 次读。',
    },
  ],
  setup: {
    env: {
      ...LEARNER_PRESET_ENV,
      TRADE_CANVAS_ENABLE_DEV_API: '1',
      TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1',
      TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1',
    },
    prelude: [
      // BTC: the overlay step fails; the overlay is reset and the new candles are deleted.
      { do: 'arm_fault', fault: { point: 'overlay.ingest_closed', trigger: { mode: 'once' }, series_id: BTC } },
      { do: 'ingest', series_id: BTC, batch: { kind: 'overlap', overlap: 2, fresh: 3 } },
      // ETH: the process dies between factor and overlay; nothing is compensated.
      { do: 'arm_fault', fault: { point: 'crash.after_factor', trigger: { mode: 'once' }, series_id: ETH } },
      { do: 'ingest', series_id: ETH, batch: { kind: 'next', count: 4 } },
      { do: 'restart' },
      { do: 'disarm_all' },
    ],
  },
  solution: [
    { do: 'draw_read', series_id: BTC },
    { do: 'draw_read', series_id: ETH },
    { do: 'repair', series_id: BTC },
    { do: 'repair', series_id: ETH },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    {
      check: 'debug_event',
      event: 'read.http.draw_delta.overlay_out_of_sync',
      data: { series_id: BTC },
      label: { en: `${BTC} found out of sync by a draw read`, zh: `用 draw read 查出 ${BTC} 不一致` },
    },
    {
      check: 'debug_event',
      event: 'read.http.draw_delta.overlay_out_of_sync',
      data: { series_id: ETH },
      label: { en: `${ETH} found out of sync by a draw read`, zh: `用 draw read 查出 ${ETH} 不一致` },
    },
    { check: 'debug_event', event: 'read.http.overlay_repair', data: { series_id: BTC }, label: { en: `${BTC} repaired`, zh: `${BTC} 已修复` } },
    { check: 'debug_event', event: 'read.http.overlay_repair', data: { series_id: ETH }, label: { en: `${ETH} repaired`, zh: `${ETH} 已修复` } },
    { check: 'ledger', series_id: BTC, in_sync: true, label: { en: `${BTC} is in sync`, zh: `${BTC} 账本一致` } },
    { check: 'ledger', series_id: ETH, in_sync: true, label: { en: `${ETH} is in sync`, zh: `${ETH} 账本一致` } },
    { check: 'last_response', path: DRAW_DELTA, status: 200, label: { en: 'The last draw read answered 200', zh: '最后一次 draw read 返回 200' } },
  ],
  par_calls: 5,
};
