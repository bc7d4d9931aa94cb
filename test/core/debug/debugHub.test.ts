/**
 * SPEC §5, the debug hub: a ring buffer of the last 2000 events
 * `{ts_ms, source, pipe, event, series_id, level, message, data}`, filled only while
 * TRADE_CANVAS_ENABLE_DEBUG_API is on; and the metrics counters' labels.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/index';
import { DEBUG_RING_CAPACITY, DebugHub } from '../../../src/core/debug/debugHub';
import { Metrics, metricKey } from '../../../src/core/debug/metrics';
import { DEBUG_ENV, SID, candles, closeBackends, openBackend, postBatch } from '../helpers/backend';

afterEach(closeBackends);

describe('DebugHub', () => {
  it('records events with every field, times from the service clock', () => {
    const hub = new DebugHub(new ManualClock(5000, 10), true);
    hub.emit({ pipe: 'write', event: 'a', series_id: SID, level: 'error', message: 'm', data: { x: 1 } });
    hub.emit({ pipe: 'read', event: 'b' });
    expect(hub.list()).toEqual([
      { seq: 1, ts_ms: 5000, source: 'backend', pipe: 'write', event: 'a', series_id: SID, level: 'error', message: 'm', data: { x: 1 } },
      { seq: 2, ts_ms: 5010, source: 'backend', pipe: 'read', event: 'b', series_id: null, level: 'info', message: 'b', data: {} },
    ]);
    expect(hub.since(1).map((e) => e.event)).toEqual(['b']);
  });

  it('keeps the last 2000 events', () => {
    expect(DEBUG_RING_CAPACITY).toBe(2000);
    const hub = new DebugHub(new ManualClock(), true);
    for (let i = 0; i < 2005; i++) hub.emit({ pipe: 'write', event: `e${i}` });
    const list = hub.list();
    expect(list).toHaveLength(2000);
    expect([list[0]!.event, list[1999]!.event]).toEqual(['e5', 'e2004']);
  });

  it('emits nothing while disabled, and again once enabled', () => {
    const hub = new DebugHub(new ManualClock(), false);
    hub.emit({ pipe: 'write', event: 'lost' });
    expect(hub.list()).toEqual([]);
    hub.setEnabled(true);
    hub.emit({ pipe: 'write', event: 'kept' });
    expect(hub.list().map((e) => e.event)).toEqual(['kept']);
  });

  it('the lab keeps the events across a re-open of the same database', async () => {
    const backend = await openBackend(DEBUG_ENV);
    await postBatch(backend, SID, candles(5, 1));
    const events = backend.debug.list();
    expect(events.length).toBeGreaterThan(0);
    backend.close();
    const again = await openBackend(undefined, { dbName: backend.db.name, keepEnv: true });
    expect(again.debug.list()).toEqual(events);
  });
});

describe('Metrics', () => {
  it('counts per name and label set, labels in a stable order', () => {
    const m = new Metrics();
    m.inc('errors_total', { step: 'factor.ingest_closed' });
    m.inc('errors_total', { step: 'factor.ingest_closed' });
    m.inc('errors_total', { step: 'overlay.ingest_closed' });
    m.inc('requests_total', { route: 'r', result: 'ok' });
    expect(m.get('errors_total', { step: 'factor.ingest_closed' })).toBe(2);
    expect(m.get('errors_total', { step: 'store.upsert_many_closed' })).toBe(0);
    expect(m.get('requests_total', { result: 'ok', route: 'r' })).toBe(1);
    expect(metricKey('requests_total', { route: 'r', result: 'ok' })).toBe('requests_total{result="ok",route="r"}');
    expect(m.list().map(([k]) => k)).toEqual([
      'errors_total{step="factor.ingest_closed"}',
      'errors_total{step="overlay.ingest_closed"}',
      'requests_total{result="ok",route="r"}',
    ]);
  });
});
