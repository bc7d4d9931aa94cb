import { Dexie } from 'dexie';
import type { FactorEvent, FactorEventRow } from '../../domain/factorEvent';
import type { FactorSeriesState, FactorStore } from '../../ports';
import type { LabDatabase } from './labDatabase';

/** Factor events and the per-series head and fingerprint, on IndexedDB. */
export class DexieFactorStore implements FactorStore {
  constructor(private readonly db: LabDatabase) {}

  async state(seriesId: string): Promise<FactorSeriesState> {
    return (await this.db.factor_series_state.get(seriesId)) ?? { series_id: seriesId, head_time: null, fingerprint: null };
  }

  async append(seriesId: string, events: FactorEvent[], headTime: number): Promise<void> {
    await this.db.transaction('rw', this.db.factor_events, this.db.factor_series_state, async () => {
      if (events.length > 0) {
        await this.db.factor_events.bulkAdd(events.map((e) => ({ ...e, series_id: seriesId })));
      }
      const prev = await this.state(seriesId);
      await this.db.factor_series_state.put({ ...prev, head_time: headTime });
    });
  }

  async set_fingerprint(seriesId: string, fingerprint: string): Promise<void> {
    await this.db.transaction('rw', this.db.factor_series_state, async () => {
      const prev = await this.state(seriesId);
      await this.db.factor_series_state.put({ ...prev, fingerprint });
    });
  }

  async clear_series(seriesId: string): Promise<void> {
    await this.db.transaction('rw', this.db.factor_events, this.db.factor_series_state, async () => {
      await this.db.factor_events
        .where('[series_id+visible_time]')
        .between([seriesId, Dexie.minKey], [seriesId, Dexie.maxKey])
        .delete();
      const prev = await this.state(seriesId);
      await this.db.factor_series_state.put({ ...prev, head_time: null });
    });
  }

  async events_visible_between(seriesId: string, from: number, to: number): Promise<FactorEventRow[]> {
    if (to < from) return [];
    const rows = await this.db.factor_events
      .where('[series_id+visible_time]')
      .between([seriesId, from], [seriesId, to], true, true)
      .toArray();
    return rows.sort((a, b) => a.candle_time - b.candle_time || (a.id ?? 0) - (b.id ?? 0));
  }

  async major_pivots_from(seriesId: string, from: number): Promise<FactorEventRow[]> {
    const rows = await this.db.factor_events
      .where('[series_id+kind+candle_time]')
      .between([seriesId, 'pivot', from], [seriesId, 'pivot', Dexie.maxKey], true, true)
      .toArray();
    return rows.filter((r) => r.kind === 'pivot' && r.level === 'major');
  }

  async pens_ending_from(seriesId: string, from: number): Promise<FactorEventRow[]> {
    const pens = this.db.factor_events.where('[series_id+kind+candle_time]');
    const [before, after] = await Promise.all([
      pens.between([seriesId, 'pen', Dexie.minKey], [seriesId, 'pen', from], true, false).last(),
      pens.between([seriesId, 'pen', from], [seriesId, 'pen', Dexie.maxKey], true, true).toArray(),
    ]);
    const crossing = before && before.kind === 'pen' && before.end_time >= from ? [before] : [];
    return [...crossing, ...after];
  }

  async last_pen(seriesId: string): Promise<FactorEventRow | undefined> {
    return this.db.factor_events
      .where('[series_id+kind+candle_time]')
      .between([seriesId, 'pen', Dexie.minKey], [seriesId, 'pen', Dexie.maxKey])
      .last();
  }
}
