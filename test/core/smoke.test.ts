import { test } from 'vitest';
import { LabBackend, ManualClock } from '../../src/core/index';
test('smoke', async () => {

const sid = 'binance:futures:BTC/USDT:1m';
const b = await LabBackend.open({ dbName: 'smoke', clock: new ManualClock(), env: { TRADE_CANVAS_ENABLE_DEBUG_API: '1', TRADE_CANVAS_PIVOT_WINDOW_MAJOR: '3', TRADE_CANVAS_PIVOT_WINDOW_MINOR: '1' } });
let p = 100; const candles = [];
for (let i = 0; i < 60; i++) { const o = p; p = p + Math.sin(i / 3) * 5; candles.push({ candle_time: 1700000040 + i * 60 - 1700000040 % 60, open: o, high: Math.max(o, p) + 1, low: Math.min(o, p) - 1, close: p, volume: 10 }); }
console.log(await b.post('/api/market/ingest/candles_closed_batch', { series_id: sid, candles }));
console.log(await b.ledger(sid));
console.log((await b.get('/api/draw/delta', { series_id: sid })).status);
b.armFault({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
const t = await b.send({ method: 'POST', path: '/api/market/ingest/candle_closed', body: { series_id: sid, candle: { ...candles[59], candle_time: candles[59].candle_time + 60 } } });
console.log(t.response, t.error, t.steps);
console.log(await b.get('/api/draw/delta', { series_id: sid }));
console.log(await b.post('/api/dev/repair/overlay', { series_id: sid }));
await b.restart({ ...b.env, TRADE_CANVAS_ENABLE_DEV_API: '1', TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1' });
const r = await b.send({ method: 'POST', path: '/api/dev/repair/overlay', body: { series_id: sid } });
console.log(r.response, r.repair);
console.log((await b.get('/api/draw/delta', { series_id: sid })).status);
console.log(b.debug.list().map(e => e.event));
});
