/**
 * The programmatic entry point of the lab ("Scripting the lab" in the README): a
 * simulated trade_canvas backend on one IndexedDB database. Create it with a database
 * name and env flags, send requests to routes, inject faults, read debug events, and
 * restart it with new flags. The page, the lesson scenarios and the tests all use it.
 */
import { systemClock, type Clock } from '../clock';
import { DebugHub, type DebugEvent } from '../debug/debugHub';
import { FaultInjector, SimulatedCrash, type ArmedFault } from '../faults/faultInjector';
import { factorFingerprint } from '../factor/fingerprint';
import { readRuntimeFlags, type Env, type RuntimeFlags } from '../flags/runtimeFlags';
import type { HttpRequest, HttpResponse } from '../http/httpTypes';
import { dispatch } from '../http/routes';
import { checkOverlayIntegrity, type IntegrityReport } from '../overlay/overlayIntegrity';
import { CandleHub, type PublishMode } from '../pipeline/candleHub';
import { errorText } from '../pipeline/ingestPipelineError';
import { DexieCandleStore } from '../storage/dexie/dexieCandleStore';
import { DexieFactorStore } from '../storage/dexie/dexieFactorStore';
import { DexieOverlayStore } from '../storage/dexie/dexieOverlayStore';
import { LabDatabase, type DebugEventRow, type MetaRow } from '../storage/dexie/labDatabase';
import { outsideTransaction } from '../storage/dexie/outsideTransaction';
import { LAB_SNAPSHOT_VERSION, readLedgerTables, writeLedgerTables, type LabSnapshot } from './labSnapshot';
import { TraceRecorder, type RepairProgress, type RunTrace } from './runTrace';
import { SimulatedService } from './simulatedService';

export interface LabBackendOptions {
  /** One IndexedDB database per lab. */
  dbName: string;
  /** Env the service starts with. Absent: the env it last ran with (kept across reloads). */
  env?: Env;
  /** Env the service starts with when this open creates the database (and `env` is absent). */
  envWhenNew?: Env;
  clock?: Clock;
  publishMode?: PublishMode;
  /** For tests that bring their own IndexedDB (fake-indexeddb instances). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export type ServiceStatus = 'running' | 'crashed';

export interface LedgerState {
  series_id: string;
  candle_count: number;
  store_head_time: number | null;
  factor_head_time: number | null;
  overlay_head_time: number | null;
  /** Fingerprint stored with the factors, and the one the running service computes. */
  fingerprint: string | null;
  current_fingerprint: string;
  overlay_versions: number;
  integrity: IntegrityReport | null;
  /** Both heads at the store head and the overlay matching the factors. */
  in_sync: boolean;
}

export interface TamperResult {
  series_id: string;
  how: 'delete' | 'alter';
  version_id: number;
  instruction_id: string;
}

const META_ENV = 'service_env';
const META_STATUS = 'service_status';
const META_FAULTS = 'armed_faults';
const META_PUBLISH = 'publish_mode';

export class LabBackend {
  readonly candles: DexieCandleStore;
  readonly factors: DexieFactorStore;
  readonly overlays: DexieOverlayStore;
  readonly faults = new FaultInjector();
  readonly hub = new CandleHub();
  readonly debug: DebugHub;
  private current!: SimulatedService;
  private currentEnv: Env = {};
  private currentStatus: ServiceStatus = 'running';
  private mode: PublishMode;
  /** Requests run one at a time, as a single-worker service would take them. */
  private queue: Promise<unknown> = Promise.resolve();
  private saving: Promise<unknown> = Promise.resolve();
  private readonly versionChangeListeners = new Set<() => void>();

  private constructor(
    readonly db: LabDatabase,
    readonly clock: Clock,
    publishMode: PublishMode,
    /** True when this open created the database: it held nothing when the backend started. */
    readonly created: boolean,
  ) {
    this.candles = new DexieCandleStore(db);
    this.factors = new DexieFactorStore(db);
    this.overlays = new DexieOverlayStore(db);
    this.debug = new DebugHub(clock, false);
    this.mode = publishMode;
  }

  static async open(options: LabBackendOptions): Promise<LabBackend> {
    const dexieOptions = options.indexedDB
      ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange ?? globalThis.IDBKeyRange }
      : undefined;
    const db = new LabDatabase(options.dbName, dexieOptions);
    // Dexie fires 'populate' only when this open creates the database.
    let created = false;
    db.on('populate', () => {
      created = true;
    });
    await db.open();
    // A database created just now holds nothing: there is no kept state to read.
    const [kept, events]: [(MetaRow | undefined)[], DebugEventRow[]] = created
      ? [[], []]
      : await db.transaction('r', db.meta, db.debug_events, () =>
          Promise.all([db.meta.bulkGet([META_ENV, META_STATUS, META_FAULTS, META_PUBLISH]), db.debug_events.orderBy('seq').toArray()]),
        );
    const backend = new LabBackend(db, options.clock ?? systemClock, options.publishMode ?? (kept[3]?.value as PublishMode) ?? 'best_effort', created);
    // Another tab opened a newer schema: let it upgrade (close ours) instead of blocking it,
    // and tell this tab's page so it can ask the learner to reload.
    db.on('versionchange', () => {
      db.close();
      backend.versionChangeListeners.forEach((l) => l());
      return false;
    });
    const env = options.env ?? (created ? options.envWhenNew : undefined) ?? (kept[0]?.value as Env | undefined) ?? {};
    if (kept[2]?.value) backend.faults.restore(kept[2].value as ReturnType<FaultInjector['snapshot']>);
    backend.debug.load(events as DebugEvent[]);
    backend.start(env);
    backend.currentStatus = options.env ? 'running' : ((kept[1]?.value as ServiceStatus | undefined) ?? 'running');
    // Written only when it differs from what is kept (a reload usually changes nothing).
    if (JSON.stringify(kept[0]?.value) !== JSON.stringify(env) || kept[1]?.value !== backend.currentStatus) {
      await db.meta.bulkPut([
        { key: META_ENV, value: env },
        { key: META_STATUS, value: backend.currentStatus },
      ]);
    }
    backend.faults.onChange(() => backend.persist(META_FAULTS, backend.faults.snapshot()));
    return backend;
  }

  /** Reads the flags and builds the service, as a process start does. Throws on a bad env. */
  private start(env: Env): void {
    const flags = readRuntimeFlags(env);
    this.current = new SimulatedService(flags, {
      candles: this.candles,
      factors: this.factors,
      overlays: this.overlays,
      faults: this.faults,
      debug: this.debug,
      hub: this.hub,
      clock: this.clock,
      publishMode: this.mode,
    });
    this.debug.setEnabled(flags.enable_debug_api);
    this.currentEnv = { ...env };
  }

  get service(): SimulatedService {
    return this.current;
  }
  get env(): Env {
    return { ...this.currentEnv };
  }
  get flags(): RuntimeFlags {
    return this.current.flags;
  }
  get status(): ServiceStatus {
    return this.currentStatus;
  }
  get publishMode(): PublishMode {
    return this.mode;
  }

  /**
   * Stops and starts the simulated service with a new env (default: the same one). Flags
   * take effect only here, as in the real service. A bad env throws and changes nothing.
   */
  async restart(env: Env = this.currentEnv, publishMode: PublishMode = this.mode): Promise<void> {
    await this.exclusive(async () => {
      readRuntimeFlags(env); // validate before touching anything
      this.mode = publishMode;
      this.start(env);
      this.currentStatus = 'running';
      await this.db.meta.bulkPut([
        { key: META_ENV, value: this.currentEnv },
        { key: META_STATUS, value: 'running' },
        { key: META_PUBLISH, value: publishMode },
      ]);
    });
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    return (await this.send(req)).response;
  }

  post(path: string, body: unknown): Promise<HttpResponse> {
    return this.request({ method: 'POST', path, body });
  }

  get(path: string, query?: Record<string, unknown>): Promise<HttpResponse> {
    return this.request(query ? { method: 'GET', path, query } : { method: 'GET', path });
  }

  /** Sends a request and returns the full trace of what happened inside. */
  async send(req: HttpRequest, options: { onRepairProgress?: (p: RepairProgress) => void } = {}): Promise<RunTrace> {
    return this.exclusive(async () => {
      const started = this.clock.nowMs();
      const firstSeq = this.debug.lastSeq;
      const recorder = new TraceRecorder(options.onRepairProgress);
      let response: HttpResponse;
      if (this.currentStatus === 'crashed') {
        response = { status: 0, body: { detail: 'connection_refused: the service is down; restart it', code: 'network.connection_refused' } };
      } else {
        try {
          response = await dispatch(this.current, req, recorder.observer);
        } catch (e) {
          if (e instanceof SimulatedCrash) {
            this.currentStatus = 'crashed';
            await this.db.meta.put({ key: META_STATUS, value: 'crashed' });
            response = { status: 0, body: { detail: 'connection_lost: the service process died mid-request', code: 'network.connection_lost' } };
          } else {
            response = { status: 500, body: { detail: 'internal_error', code: 'internal_error', error: errorText(e) } };
          }
        }
      }
      await this.saveDebugEvents();
      return recorder.finish(req, response, started, this.debug.since(firstSeq));
    });
  }

  /** Arms a fault (see FAULT_POINTS); throws a message naming the bad field. */
  armFault(spec: Parameters<FaultInjector['arm']>[0]): ArmedFault {
    return this.faults.arm(spec);
  }

  /** Deletes or alters one stored overlay instruction: the read side should notice. */
  async tamperOverlay(seriesId: string, how: 'delete' | 'alter'): Promise<TamperResult> {
    return this.exclusive(async () => {
      const head = await this.overlays.head_time(seriesId);
      const versions = await this.overlays.versions_after(seriesId, 0);
      const target = [...versions].reverse().find((v) => v.kind === 'marker') ?? versions[versions.length - 1];
      if (head === null || !target || target.version_id === undefined) {
        throw new Error(`nothing to tamper with: the overlay of ${seriesId} is empty`);
      }
      if (how === 'delete') await this.overlays.delete_version(target.version_id);
      else {
        const def = target.definition as unknown as Record<string, unknown>;
        const altered = 'price' in def ? { ...def, price: Number(def.price) * 1.05 } : { points: [] };
        await this.overlays.overwrite_version({ ...target, definition: altered as typeof target.definition });
      }
      return { series_id: seriesId, how, version_id: target.version_id, instruction_id: target.instruction_id };
    });
  }

  async ledger(seriesId: string): Promise<LedgerState> {
    const [candle_count, store_head_time, factorState, overlay_head_time, overlay_versions] = await Promise.all([
      this.candles.count(seriesId),
      this.candles.head_time(seriesId),
      this.factors.state(seriesId),
      this.overlays.head_time(seriesId),
      this.db.overlay_versions.where('[series_id+version_id]').between([seriesId, -Infinity], [seriesId, Infinity]).count(),
    ]);
    const integrity =
      overlay_head_time === null
        ? null
        : await checkOverlayIntegrity(this.factors, this.overlays, seriesId, overlay_head_time, this.flags.overlay_window_candles);
    const headsOk =
      store_head_time === null ||
      (factorState.head_time !== null && factorState.head_time >= store_head_time && overlay_head_time !== null && overlay_head_time >= store_head_time);
    return {
      series_id: seriesId,
      candle_count,
      store_head_time,
      factor_head_time: factorState.head_time,
      overlay_head_time,
      fingerprint: factorState.fingerprint,
      current_fingerprint: factorFingerprint(this.flags),
      overlay_versions,
      integrity,
      in_sync: headsOk && (integrity?.ok ?? true),
    };
  }

  /** An exact snapshot of the ledger and the service settings (see labSnapshot.ts). */
  async exportState(): Promise<LabSnapshot> {
    return this.exclusive(async () => ({
      version: LAB_SNAPSHOT_VERSION,
      tables: await readLedgerTables(this.db),
      env: this.env,
      status: this.currentStatus,
      publish_mode: this.mode,
      faults: this.faults.snapshot(),
    }));
  }

  /** Puts the lab back exactly as a snapshot was: tables, env (service restarted), faults. */
  async restoreState(snapshot: LabSnapshot): Promise<void> {
    readRuntimeFlags(snapshot.env); // a bad env changes nothing
    await this.exclusive(() => writeLedgerTables(this.db, snapshot.tables));
    await this.restart(snapshot.env, snapshot.publish_mode);
    this.faults.restore(snapshot.faults);
    if (snapshot.status === 'crashed') {
      this.currentStatus = 'crashed';
      await this.db.meta.put({ key: META_STATUS, value: 'crashed' });
    }
  }

  /** Empties every table, the debug log and the faults; the service restarts with `env`. */
  async wipe(env: Env = {}): Promise<void> {
    readRuntimeFlags(env);
    await this.exclusive(async () => {
      await Promise.all(this.db.tables.map((t) => t.clear()));
      this.debug.clear();
    });
    this.faults.clear();
    await this.restart(env, this.mode);
  }

  /** Called when another tab upgrades the database: this connection is closed, reload. */
  onVersionChange(listener: () => void): () => void {
    this.versionChangeListeners.add(listener);
    return () => this.versionChangeListeners.delete(listener);
  }

  /** Empties the debug log, in memory and as kept for reloads. */
  async clearDebugLog(): Promise<void> {
    await this.exclusive(async () => {
      this.debug.clear();
      await this.db.debug_events.clear();
    });
  }

  /** Resolves when everything the lab keeps (faults, debug events) has been written. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.saving;
  }

  close(): void {
    this.db.close();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private persist(key: string, value: unknown): void {
    // Fault counters change inside the store step's transaction: write outside of it, or
    // Dexie would try to use that transaction, which does not cover the meta table.
    this.saving = this.saving
      .then(() => outsideTransaction(() => this.db.meta.put({ key, value })))
      .catch(() => undefined);
  }

  private async saveDebugEvents(): Promise<void> {
    const fresh = this.debug.takeUnsaved();
    if (fresh.length === 0) return;
    await this.db.transaction('rw', this.db.debug_events, async () => {
      await this.db.debug_events.bulkPut(fresh);
      const keep = this.debug.list()[0]?.seq ?? 0;
      await this.db.debug_events.where('seq').below(keep).delete();
    });
  }
}
