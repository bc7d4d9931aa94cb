/**
 * The fault injector: part of the simulation, shared by the UI, the scenarios and the
 * tests. A fault is armed at a point with a trigger; the backend calls `hit` (or
 * `crashes`) where it does that thing, and an armed, matching fault makes it fail there.
 */
import { isFaultPointId, type FaultPointId } from './faultPoints';

export type FaultTrigger =
  | { mode: 'once' }
  | { mode: 'always' }
  /** Fires on the n-th matching call after arming (1-based), then is spent. */
  | { mode: 'nth'; n: number };

export interface FaultSpec {
  point: FaultPointId;
  trigger: FaultTrigger;
  /** Only calls for this series match; absent means every series. */
  series_id?: string;
  /** The error message raised; defaults to one that names the point. */
  message?: string;
  /**
   * What is thrown: a plain error (default), the browser's `QuotaExceededError`, or that
   * error wrapped in an `AbortError` with the real error as `inner`, as Dexie reports a
   * transaction the browser aborted.
   */
  error?: FaultErrorKind;
}

export type FaultErrorKind = 'error' | 'quota_exceeded' | 'quota_exceeded_in_abort';
export const FAULT_ERROR_KINDS: readonly FaultErrorKind[] = ['error', 'quota_exceeded', 'quota_exceeded_in_abort'];

export interface ArmedFault extends FaultSpec {
  id: number;
  /** Matching calls seen since arming. */
  calls: number;
  /** How many times it fired. */
  fired: number;
  /** A once/nth fault that has fired stays listed, marked spent, until disarmed. */
  spent: boolean;
}

/** The error an injected fault raises. */
export class InjectedFault extends Error {
  constructor(
    readonly point: FaultPointId,
    message: string,
  ) {
    super(message);
    this.name = 'InjectedFault';
  }
}

/** A simulated process death: the run stops where it is and nothing else runs. */
export class SimulatedCrash extends Error {
  constructor(
    readonly point: FaultPointId,
    readonly series_id: string,
  ) {
    super(`process crashed at ${point} (${series_id})`);
    this.name = 'SimulatedCrash';
  }
}

export function defaultFaultMessage(point: FaultPointId): string {
  return `injected fault at ${point}`;
}

/** A storage error as the browser raises it, with Dexie's wrapping where asked for. */
function faultError(point: FaultPointId, fault: FaultSpec): Error {
  if (!fault.error || fault.error === 'error') return new InjectedFault(point, fault.message ?? defaultFaultMessage(point));
  const quota = new DOMException(fault.message ?? 'the storage quota for this site is exhausted', 'QuotaExceededError');
  if (fault.error === 'quota_exceeded') return quota;
  const abort = new Error(`transaction aborted (${quota.name})`) as Error & { inner: unknown };
  abort.name = 'AbortError';
  abort.inner = quota;
  return abort;
}

export class FaultInjector {
  private faults: ArmedFault[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  /** Checks a spec and arms it; throws a message naming the bad field. */
  arm(spec: FaultSpec): ArmedFault {
    const problem = faultSpecProblem(spec);
    if (problem) throw new Error(problem);
    const fault: ArmedFault = { ...spec, id: this.nextId++, calls: 0, fired: 0, spent: false };
    this.faults.push(fault);
    this.changed();
    return fault;
  }

  disarm(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
    this.changed();
  }

  clear(): void {
    this.faults = [];
    this.changed();
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Raises InjectedFault when an armed fault matches this call. */
  hit(point: FaultPointId, seriesId: string): void {
    const fault = this.match(point, seriesId);
    if (fault) throw faultError(point, fault);
  }

  /** True when an armed crash fault matches this call (the caller then dies). */
  crashes(point: FaultPointId, seriesId: string): boolean {
    return this.match(point, seriesId) !== undefined;
  }

  private match(point: FaultPointId, seriesId: string): ArmedFault | undefined {
    let firing: ArmedFault | undefined;
    for (const f of this.faults) {
      if (f.spent || f.point !== point) continue;
      if (f.series_id !== undefined && f.series_id !== seriesId) continue;
      f.calls += 1;
      const fires = f.trigger.mode === 'nth' ? f.calls === f.trigger.n : true;
      if (fires && !firing) {
        firing = f;
        f.fired += 1;
        if (f.trigger.mode !== 'always') f.spent = true;
      }
    }
    if (firing || this.faults.some((f) => f.point === point)) this.changed();
    return firing;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The armed faults as plain data, for persistence and share links. */
  snapshot(): { next_id: number; faults: ArmedFault[] } {
    return { next_id: this.nextId, faults: this.list() };
  }

  restore(snapshot: { next_id: number; faults: ArmedFault[] }): void {
    this.faults = snapshot.faults.filter((f) => faultSpecProblem(f) === null).map((f) => ({ ...f }));
    this.nextId = Math.max(snapshot.next_id, ...this.faults.map((f) => f.id + 1), 1);
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** Why a fault spec is not valid, or null. Used for the UI form, share links and imports. */
export function faultSpecProblem(spec: unknown): string | null {
  if (typeof spec !== 'object' || spec === null) return 'fault: expected an object';
  const s = spec as Record<string, unknown>;
  if (!isFaultPointId(s.point)) return `fault.point: unknown fault point ${JSON.stringify(s.point)}`;
  const t = s.trigger as Record<string, unknown> | undefined;
  if (typeof t !== 'object' || t === null) return 'fault.trigger: expected { mode }';
  if (t.mode !== 'once' && t.mode !== 'always' && t.mode !== 'nth') {
    return `fault.trigger.mode: expected once, always or nth, got ${JSON.stringify(t.mode)}`;
  }
  if (t.mode === 'nth' && !(Number.isInteger(t.n) && (t.n as number) >= 1 && (t.n as number) <= 1000)) {
    return 'fault.trigger.n: expected a whole number from 1 to 1000';
  }
  if (s.series_id !== undefined && (typeof s.series_id !== 'string' || s.series_id.length === 0 || s.series_id.length > 128)) {
    return 'fault.series_id: expected a non-empty series id';
  }
  if (s.error !== undefined && !(FAULT_ERROR_KINDS as readonly unknown[]).includes(s.error)) {
    return `fault.error: expected one of ${FAULT_ERROR_KINDS.join(', ')}`;
  }
  if (s.message !== undefined && (typeof s.message !== 'string' || s.message.length > 200)) {
    return 'fault.message: expected text of at most 200 characters';
  }
  return null;
}
