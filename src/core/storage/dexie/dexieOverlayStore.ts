import { Dexie } from 'dexie';
import type { OverlayInstruction, OverlayVersionRow } from '../../domain/overlayInstruction';
import type { OverlayStore } from '../../ports';
import type { LabDatabase } from './labDatabase';

/** Append-only overlay instruction versions and the per-series head, on IndexedDB. */
export class DexieOverlayStore implements OverlayStore {
  constructor(private readonly db: LabDatabase) {}

  private series(seriesId: string) {
    return this.db.overlay_versions
      .where('[series_id+version_id]')
      .between([seriesId, Dexie.minKey], [seriesId, Dexie.maxKey]);
  }

  async head_time(seriesId: string): Promise<number | null> {
    return (await this.db.overlay_series_state.get(seriesId))?.head_time ?? null;
  }

  async latest_versions_of(seriesId: string, instructionIds: string[]): Promise<Map<string, OverlayVersionRow>> {
    const latest = new Map<string, OverlayVersionRow>();
    // Index entries with equal keys come in primary-key order, so `last()` is the newest version.
    const rows = await this.db.transaction('r', this.db.overlay_versions, () =>
      Promise.all(
        instructionIds.map((id) =>
          this.db.overlay_versions.where('[series_id+instruction_id]').equals([seriesId, id]).last(),
        ),
      ),
    );
    for (const row of rows) if (row) latest.set(row.instruction_id, row);
    return latest;
  }

  async latest_versions_visible_between(seriesId: string, from: number, to: number): Promise<Map<string, OverlayVersionRow>> {
    const latest = new Map<string, OverlayVersionRow>();
    if (to < from) return latest;
    const rows = await this.db.overlay_versions
      .where('[series_id+visible_time]')
      .between([seriesId, from], [seriesId, to], true, true)
      .toArray();
    rows.sort((a, b) => (a.version_id ?? 0) - (b.version_id ?? 0));
    for (const row of rows) latest.set(row.instruction_id, row);
    return latest;
  }

  async append_versions(seriesId: string, instructions: OverlayInstruction[], headTime: number): Promise<number[]> {
    return this.db.transaction('rw', this.db.overlay_versions, this.db.overlay_series_state, async () => {
      const ids =
        instructions.length === 0
          ? []
          : await this.db.overlay_versions.bulkAdd(
              instructions.map((i) => ({ ...i, series_id: seriesId })),
              { allKeys: true },
            );
      await this.db.overlay_series_state.put({ series_id: seriesId, head_time: headTime });
      return ids as number[];
    });
  }

  async reset_series(seriesId: string): Promise<void> {
    await this.db.transaction('rw', this.db.overlay_versions, this.db.overlay_series_state, async () => {
      await this.series(seriesId).delete();
      await this.db.overlay_series_state.delete(seriesId);
    });
  }

  async versions_after(seriesId: string, cursor: number): Promise<OverlayVersionRow[]> {
    return this.db.overlay_versions
      .where('[series_id+version_id]')
      .between([seriesId, cursor], [seriesId, Dexie.maxKey], false, true)
      .toArray();
  }

  async overwrite_version(row: OverlayVersionRow): Promise<void> {
    await this.db.overlay_versions.put(row);
  }

  async delete_version(versionId: number): Promise<void> {
    await this.db.overlay_versions.delete(versionId);
  }
}
