import type { Scenario } from '../../../src/lesson/lessonTypes';
import { LEARNER_PRESET_ENV } from '../../../src/core/lab/labPresets';
import { BTC, DRAW_DELTA, INGEST_BATCH } from '../series';

export const scenario: Scenario = {
  id: 'fingerprint-rebuild',
  section: 'rebuilt-series',
  title: { en: 'A logic version bump rebuilds the series', zh: '逻辑版本一变，整条 series 重建' },
  brief: {
    en: `The stored factors of ${BTC} carry the fingerprint of the current settings. Restart the service with a new TRADE_CANVAS_FACTOR_LOGIC_VERSION, ingest a few candles, and watch the rebuild and the overlay reset that comes before the redraw.`,
    zh: `${BTC} 已存的 factor 带着当前设置的 fingerprint。用新的 TRADE_CANVAS_FACTOR_LOGIC_VERSION 重启服务，ingest 几根 candle，观察重建过程，以及重画之前那一次 overlay reset。`,
  },
  goal: {
    en: 'A factor.fingerprint.rebuild debug event appears, the ingest still answers 200, and the draw read of the rebuilt series answers 200.',
    zh: '出现 factor.fingerprint.rebuild 调试事件，ingest 仍然返回 200，重建后的 series 的 draw read 也返回 200。',
  },
  hints: [
    {
      en: 'Flags are read at start: set TRADE_CANVAS_FACTOR_LOGIC_VERSION (any new value, e.g. pivot_pen_v2) and restart.',
      zh: '开关只在启动时读取：设置 TRADE_CANVAS_FACTOR_LOGIC_VERSION（随便一个新值，比如 pivot_pen_v2），然后重启。',
    },
    {
      en: 'The rebuild happens inside factor.ingest_closed, so an ingest is what triggers it; the run shows the overlay reset just before overlay.ingest_closed.',
      zh: '重建发生在 factor.ingest_closed 里面，所以要 ingest 一次才会触发；运行记录里能看到 overlay.ingest_closed 之前的那次 overlay reset。',
    },
    {
      en: 'To see stale drawings that a missing reset would leave, change TRADE_CANVAS_PIVOT_WINDOW_MINOR instead: it is part of the fingerprint too, and it changes which pivots exist.',
      zh: '想看缺了 reset 会留下哪些过期图形，就改 TRADE_CANVAS_PIVOT_WINDOW_MINOR：它同样是 fingerprint 的一部分，而且会改变哪些 pivot 存在。',
    },
  ],
  setup: { env: { ...LEARNER_PRESET_ENV } },
  solution: [
    { do: 'restart', env: { TRADE_CANVAS_FACTOR_LOGIC_VERSION: 'pivot_pen_v2' } },
    { do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } },
    { do: 'draw_read', series_id: BTC },
  ],
  checks: [
    { check: 'debug_event', event: 'factor.fingerprint.rebuild', label: { en: 'factor.fingerprint.rebuild was emitted', zh: '产生了 factor.fingerprint.rebuild 事件' } },
    { check: 'response', path: INGEST_BATCH, status: 200, label: { en: 'The ingest answered 200', zh: 'ingest 返回 200' } },
    { check: 'last_response', path: DRAW_DELTA, status: 200, label: { en: 'The last draw read answered 200', zh: '最后一次 draw read 返回 200' } },
  ],
};
