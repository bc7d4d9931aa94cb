/**
 * A LabAction in words, for the "show solution" list and the run history. Technical
 * names stay verbatim in both languages.
 */
import type { Lang, LabAction } from './lessonTypes';

function batchText(b: { kind: 'next'; count: number } | { kind: 'overlap'; overlap: number; fresh: number }, lang: Lang): string {
  if (b.kind === 'next') return lang === 'zh' ? `追加 ${b.count} 根新 candle` : `${b.count} new candles`;
  return lang === 'zh'
    ? `覆盖最近 ${b.overlap} 根已有 candle（改价）并追加 ${b.fresh} 根新 candle`
    : `${b.overlap} existing candles with changed prices + ${b.fresh} new ones`;
}

export function describeAction(a: LabAction, lang: Lang): string {
  const zh = lang === 'zh';
  switch (a.do) {
    case 'ingest':
      return `POST /api/market/ingest/candles_closed_batch · ${a.series_id} · ${batchText(a.batch, lang)}`;
    case 'ingest_candles':
      return `POST /api/market/ingest/candles_closed_batch · ${a.series_id} · ${zh ? `手写的 ${a.candles.length} 根 candle` : `${a.candles.length} hand-written candles`}`;
    case 'ingest_multi_candles':
      return `IngestPipeline.run · ${Object.entries(a.batches).map(([id, cs]) => `${id} (${zh ? `${cs.length} 根 candle` : `${cs.length} candles`})`).join(' + ')}`;
    case 'ingest_multi':
      return `IngestPipeline.run · ${a.batches.map((b) => `${b.series_id} (${batchText(b.batch, lang)})`).join(' + ')}`;
    case 'arm_fault': {
      const who = a.fault.series_id ? ` · ${a.fault.series_id}` : '';
      const n = a.fault.trigger.mode === 'nth' ? ` #${a.fault.trigger.n}` : '';
      return `${zh ? '注入故障' : 'Arm fault'} ${a.fault.point} (${a.fault.trigger.mode}${n})${who}`;
    }
    case 'disarm_all':
      return zh ? '解除所有故障' : 'Disarm every fault';
    case 'restart': {
      const flags = a.env ? Object.entries(a.env).map(([k, v]) => `${k}=${v}`).join(', ') : '';
      return `${zh ? '重启服务' : 'Restart the service'}${flags ? ` · ${flags}` : ''}`;
    }
    case 'draw_read':
      return `GET /api/draw/delta?series_id=${a.series_id}`;
    case 'repair':
      return `POST /api/dev/repair/overlay · ${a.series_id}${a.to_time !== undefined ? ` · to_time=${a.to_time}` : ''}`;
    case 'tamper_overlay':
      return `${zh ? '篡改 overlay' : 'Tamper with the overlay'} (${a.how}) · ${a.series_id}`;
  }
}
