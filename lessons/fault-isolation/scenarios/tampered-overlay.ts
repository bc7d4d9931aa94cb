import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA, REPAIR } from '../series';

export const scenario: Scenario = {
  id: 'tampered-overlay',
  section: 'repair-path',
  title: { en: 'A tampered overlay: the heads look fine, the drawing is not', zh: '被篡改的 overlay：head 没问题，图形有问题' },
  brief: {
    en: `Here the dev and repair routes are on. Delete or alter one stored overlay instruction of ${BTC}, read the chart, then repair it.`,
    zh: `这里 dev 路由和修复路由都已打开。删掉或改掉 ${BTC} 的一条已存 overlay 指令，读一次图表，再修复它。`,
  },
  goal: {
    en: 'The draw read refuses with 409 because of an integrity mismatch, the repair answers 200, and the last draw read answers 200.',
    zh: 'draw read 因完整性不匹配而返回 409，修复返回 200，最后一次 draw read 返回 200。',
  },
  hints: [
    { en: 'Use "tamper with the overlay" on BTC (delete or alter), then GET /api/draw/delta for BTC.', zh: '对 BTC 用“篡改 overlay”（删除或修改），然后对 BTC 调 GET /api/draw/delta。' },
    {
      en: 'The overlay head did not move, so the head check passes; the integrity check compares the stored instructions with what the factor events say. The debug event read.http.draw_delta.overlay_out_of_sync names the reason.',
      zh: 'overlay head 没动，所以 head 检查能过；完整性检查会拿已存指令和 factor 事件应画出的内容对比。调试事件 read.http.draw_delta.overlay_out_of_sync 会写明原因。',
    },
    {
      en: 'POST /api/dev/repair/overlay for BTC resets the overlay and redraws it; read again afterwards.',
      zh: '对 BTC 调 POST /api/dev/repair/overlay，它会 reset overlay 再重画；之后再读一次。',
    },
  ],
  setup: {
    env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_DEV_API: '1', TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1' },
  },
  solution: [
    { do: 'tamper_overlay', series_id: BTC, how: 'alter' },
    { do: 'draw_read', series_id: BTC },
    { do: 'repair', series_id: BTC },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    {
      check: 'debug_event',
      event: 'read.http.draw_delta.overlay_out_of_sync',
      data: { series_id: BTC, reason: 'overlay_integrity_mismatch' },
      label: { en: 'The draw read reported overlay_integrity_mismatch (409)', zh: 'draw read 报出 overlay_integrity_mismatch（409）' },
    },
    { check: 'response', path: REPAIR, status: 200, label: { en: 'The repair answered 200', zh: '修复返回 200' } },
    { check: 'last_response', path: DRAW_DELTA, status: 200, label: { en: 'The last draw read answered 200', zh: '最后一次 draw read 返回 200' } },
  ],
};
