/**
 * The lab page's state: the simulated backend, what the panels show of it (mirrored into
 * runes after every action), the run history and the pending flags. Every action goes
 * through the backend's routes, fault injector and restart; nothing here re-implements
 * pipeline behaviour.
 */
import {
  DEFAULT_SERIES,
  LEARNER_PRESET_ENV,
  LabBackend,
  openLabWithFallback,
  faultSpecProblem,
  readLedgerTables,
  runWhatIf,
  seedHistory,
  withFlag,
  type ArmedFault,
  type ClosedCandle,
  type DebugEvent,
  type Env,
  type FaultSpec,
  type HttpRequest,
  type LabSnapshot,
  type LedgerState,
  type PublishMode,
  type RepairProgress,
  type RunTrace,
  type RuntimeFlags,
  type ServiceStatus,
  type WhatIfSide,
} from '../../core';
import type { OverlayVersionRow } from '../../core/domain/overlayInstruction';
import type { LabAction } from '../../lesson/lessonTypes';
import { PendingEnv } from './pendingEnv.svelte';
import { RunHistory } from './runHistory.svelte';
import { buildRunRecord, type RunKind } from './runRecord';
import { TabSync } from './tabSync';

export const LAB_DB_NAME = 'fault-isolation-lab';
/** `true` once the history is seeded; SEEDING while it is (left behind if the page went away). */
const SEEDED_KEY = 'ui.seeded';
const SEEDING = 'pending';

export type Phase = 'opening' | 'seeding' | 'ready' | 'failed';

/** Told about every request the lab sent and every action it took (the lesson's goal checks listen). */
export type ActivityListener = (trace: RunTrace | null, action?: LabAction) => void;

export interface WhatIfResult {
  run_id: number;
  flag: string;
  a: WhatIfSide;
  b: WhatIfSide;
}

export class LabSession {
  phase = $state<Phase>('opening');
  fatal = $state<string | null>(null);
  /** What is running now (a translation key), or null; panels disable their buttons meanwhile. */
  busy = $state<string | null>(null);
  /** The last unexpected failure of an action, shown in a live region. */
  notice = $state<string | null>(null);

  backend = $state.raw<LabBackend | null>(null);
  /** False when IndexedDB could not be used: the lab runs in memory and nothing is kept. */
  persistent = $state(true);
  storageProblem = $state<string | null>(null);
  /** Another tab upgraded the database: this tab's connection is closed until a reload. */
  versionChanged = $state(false);
  env = $state.raw<Env>({});
  flags = $state.raw<RuntimeFlags | null>(null);
  status = $state<ServiceStatus>('running');
  publishMode = $state<PublishMode>('best_effort');
  faults = $state.raw<ArmedFault[]>([]);
  debugEvents = $state.raw<DebugEvent[]>([]);
  seriesIds = $state.raw<string[]>([...DEFAULT_SERIES]);
  ledgers = $state.raw<LedgerState[]>([]);
  selectedSeries = $state<string>(DEFAULT_SERIES[0]);
  /** Candles and overlay versions of the selected series (replaced whole). */
  candles = $state.raw<ClosedCandle[]>([]);
  overlayVersions = $state.raw<OverlayVersionRow[]>([]);

  lastDraw = $state.raw<RunTrace | null>(null);
  repairLive = $state.raw<RepairProgress[]>([]);
  whatIf = $state.raw<WhatIfResult | null>(null);

  readonly history = new RunHistory(() => this.lab);
  readonly pending = new PendingEnv(() => this.lab);
  private sync: TabSync | null = null;
  private unsubscribeFaults: (() => void) | null = null;
  private reloadWanted = false;
  private readonly listeners = new Set<ActivityListener>();

  constructor(private readonly dbName = LAB_DB_NAME) {}

  /** The backend; panels are only rendered once it is open. */
  get lab(): LabBackend {
    if (!this.backend) throw new Error('the lab is not open yet');
    return this.backend;
  }

  ledgerOf(seriesId: string): LedgerState | undefined {
    return this.ledgers.find((l) => l.series_id === seriesId);
  }

  async open(): Promise<void> {
    try {
      const opened = await openLabWithFallback({ dbName: this.dbName, envWhenNew: LEARNER_PRESET_ENV });
      this.persistent = opened.persistent;
      this.storageProblem = opened.reason;
      await this.attach(opened.backend);
      await this.ensureSeeded();
      await Promise.all([this.loadUiState(), this.refresh()]);
      this.sync = new TabSync(`${this.dbName}.sync`, () => void this.reloadFromOtherTab());
      this.phase = 'ready';
    } catch (e) {
      this.fatal = e instanceof Error ? e.message : String(e);
      this.phase = 'failed';
    }
  }

  /** Re-reads everything the panels show from the backend. */
  async refresh(): Promise<void> {
    const b = this.lab;
    const stored = await b.candles.series_ids();
    const ids = [...new Set([...DEFAULT_SERIES, ...stored])].sort();
    const ledgers = await Promise.all(ids.map((id) => b.ledger(id)));
    const [candles, overlayVersions] = await Promise.all([b.candles.all(this.selectedSeries), b.overlays.versions_after(this.selectedSeries, 0)]);
    this.env = b.env;
    this.flags = b.flags;
    this.status = b.status;
    this.publishMode = b.publishMode;
    this.faults = b.faults.list();
    this.debugEvents = b.debug.list();
    this.seriesIds = ids;
    this.ledgers = ledgers;
    this.candles = candles;
    this.overlayVersions = overlayVersions;
  }

  async selectSeries(id: string): Promise<void> {
    this.selectedSeries = id;
    await this.refresh();
  }

  onActivity(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Something outside the lab panels changed the backend (a lesson scenario's setup):
   * re-read the history, pending flags and panels, and tell other tabs.
   */
  /** Replaces the lab with an imported snapshot (already validated); the history starts anew. */
  importState(snapshot: LabSnapshot): Promise<void> {
    return this.act('busy.import', async () => {
      await this.lab.restoreState(snapshot);
      this.history.forget();
      await this.pending.discard();
      this.lastDraw = null;
      this.repairLive = [];
      this.whatIf = null;
    }).then((done) => {
      if (done === null) throw new Error(this.notice ?? 'the import failed');
    });
  }

  /** Runs work that rewrites the lab (a share-link replay), then re-reads everything. */
  async replaceWith(work: (backend: LabBackend) => Promise<void>): Promise<void> {
    this.busy = 'busy.share';
    try {
      await work(this.lab);
      this.history.forget();
      await this.pending.discard();
    } finally {
      this.busy = null;
      await this.afterExternalChange();
    }
  }

  async afterExternalChange(): Promise<void> {
    await this.loadUiState();
    this.lastDraw = null;
    this.repairLive = [];
    this.whatIf = null;
    await this.refresh();
    await this.lab.idle();
    this.sync?.changed();
  }

  // ── actions ────────────────────────────────────────────────────────────────

  /** Sends an ingest request and records it; returns the trace (a 422 is returned, not recorded). */
  ingest(request: HttpRequest, action?: LabAction): Promise<RunTrace | null> {
    return this.act('busy.ingest', () => this.recorded('ingest', request, undefined, action));
  }

  repair(seriesId: string, toTime: number | null): Promise<RunTrace | null> {
    this.repairLive = [];
    const body = toTime === null ? { series_id: seriesId } : { series_id: seriesId, to_time: toTime };
    return this.act('busy.repair', () =>
      this.recorded('repair', { method: 'POST', path: '/api/dev/repair/overlay', body }, (p) => (this.repairLive = [...this.repairLive, p]), {
        do: 'repair',
        series_id: seriesId,
        ...(toTime === null ? {} : { to_time: toTime }),
      }),
    );
  }

  drawRead(seriesId: string, atTime: number | null): Promise<RunTrace | null> {
    const query: Record<string, unknown> = atTime === null ? { series_id: seriesId } : { series_id: seriesId, at_time: atTime };
    return this.act('busy.draw', async () => {
      const trace = await this.lab.send({ method: 'GET', path: '/api/draw/delta', query });
      this.lastDraw = trace;
      this.tell(trace, { do: 'draw_read', series_id: seriesId });
      return trace;
    });
  }

  async tamper(seriesId: string, how: 'delete' | 'alter'): Promise<void> {
    await this.act('busy.tamper', async () => {
      const before = await this.lab.exportState();
      const tamper = await this.lab.tamperOverlay(seriesId, how);
      const after = await readLedgerTables(this.lab.db);
      await this.history.add(buildRunRecord(this.history.nextId(), 'tamper', Date.now(), before, after, { tamper }), before);
      this.tell(null, { do: 'tamper_overlay', series_id: seriesId, how });
    });
  }

  /** Arms a fault; returns a message naming the bad field instead when the spec is invalid. */
  async armFault(spec: FaultSpec): Promise<string | null> {
    const problem = faultSpecProblem(spec);
    if (problem) return problem;
    await this.act('busy.faults', async () => {
      this.lab.faults.arm(spec);
      this.tell(null, { do: 'arm_fault', fault: spec });
    });
    return null;
  }

  async disarm(id: number): Promise<void> {
    await this.act('busy.faults', async () => {
      this.lab.faults.disarm(id);
      this.tell(null);
    });
  }

  async disarmAll(): Promise<void> {
    await this.act('busy.faults', async () => {
      this.lab.faults.clear();
      this.tell(null, { do: 'disarm_all' });
    });
  }

  /** Applies the pending flags: the only way flags change, as in the real service. */
  async restartService(): Promise<void> {
    await this.act('busy.restart', async () => {
      const env = $state.snapshot(this.pending.env);
      await this.lab.restart(env, this.pending.publishMode);
      this.tell(null, { do: 'restart', env });
    });
  }

  /** Puts the lab back exactly as it was before a run; that run and later ones are forgotten. */
  async stepBack(runId: number): Promise<void> {
    await this.act('busy.step_back', async () => {
      const snapshot = await this.history.snapshotBefore(runId);
      if (!snapshot) throw new Error(`no snapshot kept for run ${runId}`);
      await this.lab.restoreState(snapshot);
      await this.history.truncateFrom(runId);
      await this.pending.discard();
      this.whatIf = null;
      this.tell(null);
    });
  }

  /** Wipes the lab and seeds it again, as on first visit. */
  async resetLab(): Promise<void> {
    await this.act('busy.reset', async () => {
      await this.seedFresh();
      this.history.forget();
      await this.pending.discard();
      this.lastDraw = null;
      this.repairLive = [];
      this.whatIf = null;
      this.tell(null);
    });
  }

  /** Re-runs a recorded ingest from its starting state, as it ran and with one flag changed. */
  async runWhatIf(runId: number, flag: string, value: string): Promise<void> {
    await this.act('busy.what_if', async () => {
      const run = this.history.runs.find((r) => r.id === runId);
      const snapshot = await this.history.snapshotBefore(runId);
      if (!run?.trace || !snapshot) throw new Error(`run ${runId} cannot be replayed`);
      const faults: FaultSpec[] = snapshot.faults.faults
        .filter((f) => !f.spent)
        .map((f) => ({ point: f.point, trigger: f.trigger, ...(f.series_id ? { series_id: f.series_id } : {}), ...(f.message ? { message: f.message } : {}) }));
      const start: LabSnapshot = { ...snapshot, status: 'running' };
      const { a, b } = await runWhatIf(start, run.trace.request, faults, snapshot.env, withFlag(snapshot.env, flag, value));
      this.whatIf = { run_id: runId, flag, a, b };
    });
  }

  async clearDebugLog(): Promise<void> {
    await this.act('busy.debug', () => this.lab.clearDebugLog());
  }

  // ── plumbing ───────────────────────────────────────────────────────────────

  private async recorded(kind: RunKind, request: HttpRequest, onRepairProgress?: (p: RepairProgress) => void, action?: LabAction): Promise<RunTrace> {
    const before = await this.lab.exportState();
    const trace = await this.lab.send(request, onRepairProgress ? { onRepairProgress } : {});
    // A refused request (422) changed nothing: it is answered, not kept in the history.
    if (trace.response.status !== 422) {
      const after = await readLedgerTables(this.lab.db);
      await this.history.add(buildRunRecord(this.history.nextId(), kind, trace.started_ms, before, after, { trace }), before);
    }
    this.tell(trace, action);
    return trace;
  }

  private tell(trace: RunTrace | null, action?: LabAction): void {
    for (const l of this.listeners) {
      try {
        l(trace, action);
      } catch {
        // a listener's failure is its own; the lab goes on
      }
    }
  }

  /** Runs an action with the busy mark, then mirrors the backend and tells other tabs. */
  private async act<T>(label: string, work: () => Promise<T>): Promise<T | null> {
    this.busy = label;
    this.notice = null;
    try {
      return await work();
    } catch (e) {
      this.notice = e instanceof Error ? e.message : String(e);
      return null;
    } finally {
      try {
        await this.refresh();
        await this.lab.idle();
      } finally {
        this.busy = null;
        this.sync?.changed();
        if (this.reloadWanted) void this.reloadFromOtherTab();
      }
    }
  }

  /**
   * Seeds a lab that has not been seeded yet, one tab at a time (a Web Lock, where the
   * browser has them). Seeding is marked 'pending' before it starts, so a reload or a closed
   * tab that cut it short is seen by the next open, which starts it over.
   */
  private async ensureSeeded(): Promise<void> {
    const seedIfNeeded = async () => {
      // A database this open created is empty and already runs the learner's preset: it
      // is seeded as it is, without the wipe a reset needs.
      if (this.lab.created) return this.seedFresh(false);
      const seeded = (await this.lab.db.meta.get(SEEDED_KEY))?.value;
      if (seeded === SEEDING || (!seeded && (await this.lab.candles.series_ids()).length === 0)) await this.seedFresh();
    };
    if (this.persistent && globalThis.navigator?.locks) await navigator.locks.request(`${this.dbName}.seeding`, seedIfNeeded);
    else await seedIfNeeded();
  }

  /** Seeds the lab's history; `wipe` first empties it and restarts the service with the preset. */
  private async seedFresh(wipe = true): Promise<void> {
    this.phase = this.phase === 'ready' ? 'ready' : 'seeding';
    if (wipe) await this.lab.wipe(LEARNER_PRESET_ENV);
    await this.lab.db.meta.put({ key: SEEDED_KEY, value: SEEDING });
    await seedHistory(this.lab);
    // The debug log starts with the learner's own actions, not the seeding.
    await Promise.all([this.lab.clearDebugLog(), this.lab.db.meta.put({ key: SEEDED_KEY, value: true })]);
  }

  private async loadUiState(): Promise<void> {
    await Promise.all([this.history.load(), this.pending.load()]);
  }

  private async attach(backend: LabBackend): Promise<void> {
    this.unsubscribeFaults?.();
    this.backend = backend;
    backend.onVersionChange(() => (this.versionChanged = true));
    // Fault counters move while a run is in flight: keep the panel current.
    this.unsubscribeFaults = backend.faults.onChange(() => (this.faults = backend.faults.list()));
  }

  /** Another tab changed the lab: reopen the backend from the database and re-read everything. */
  private async reloadFromOtherTab(): Promise<void> {
    if (this.busy) {
      this.reloadWanted = true;
      return;
    }
    if (!this.persistent || this.versionChanged) return; // nothing shared to reload from
    this.reloadWanted = false;
    const old = this.backend;
    const fresh = await LabBackend.open({ dbName: this.dbName });
    await this.attach(fresh);
    old?.close();
    await this.loadUiState();
    await this.refresh();
  }
}
