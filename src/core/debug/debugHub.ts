/**
 * The debug hub: a ring buffer of the last 2000 events, `{ts_ms, source, pipe, event,
 * series_id, level, message, data}`, filled only while `TRADE_CANVAS_ENABLE_DEBUG_API`
 * is on. Operators read the full error context here; clients only get the short 500.
 */
import type { Clock } from '../clock';
import type { DebugEventRow } from '../storage/dexie/labDatabase';

export type DebugEvent = DebugEventRow & { seq: number };
export type DebugLevel = DebugEvent['level'];
export type DebugPipe = DebugEvent['pipe'];

export const DEBUG_RING_CAPACITY = 2000;

export interface EmitArgs {
  pipe: DebugPipe;
  event: string;
  series_id?: string | null;
  level?: DebugLevel;
  message?: string;
  data?: Record<string, unknown>;
  source?: string;
}

export class DebugHub {
  private events: DebugEvent[] = [];
  private nextSeq = 1;
  /** Events emitted since the last `takeUnsaved`, for the lab to persist. */
  private unsaved: DebugEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private enabled: boolean,
    private readonly capacity = DEBUG_RING_CAPACITY,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** The service reads the debug flag when it starts; a restart may change it. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }

  /** Records an event when the debug API is on; a no-op otherwise (as in the backend). */
  emit(args: EmitArgs): void {
    if (!this.enabled) return;
    const ev: DebugEvent = {
      seq: this.nextSeq++,
      ts_ms: this.clock.nowMs(),
      source: args.source ?? 'backend',
      pipe: args.pipe,
      event: args.event,
      series_id: args.series_id ?? null,
      level: args.level ?? 'info',
      message: args.message ?? args.event,
      data: args.data ?? {},
    };
    this.events.push(ev);
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
    this.unsaved.push(ev);
  }

  /** The buffer, oldest first. */
  list(): DebugEvent[] {
    return [...this.events];
  }

  /** Events after a sequence number (a reader's cursor). */
  since(seq: number): DebugEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  takeUnsaved(): DebugEvent[] {
    const out = this.unsaved;
    this.unsaved = [];
    return out;
  }

  /** Loads events kept from before a page reload (the lab keeps them; see README). */
  load(events: DebugEvent[]): void {
    this.events = events.slice(-this.capacity);
    this.nextSeq = Math.max(this.nextSeq, ...events.map((e) => e.seq + 1));
  }

  clear(): void {
    this.events = [];
    this.unsaved = [];
  }
}
