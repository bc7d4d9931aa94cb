/**
 * A record of one request to the simulated backend: what the client sent and got, and
 * what happened inside (steps, stored times, compensation, crash, publishing, repair
 * progress, debug events). The run view renders it; tests assert on it.
 */
import type { DebugEvent } from '../debug/debugHub';
import type { FaultPointId } from '../faults/faultPoints';
import type { HttpRequest, HttpResponse } from '../http/httpTypes';
import type { CompensationOutcome } from '../pipeline/compensation';
import type { PipelineObserver, StoreWrite } from '../pipeline/ingestPipeline';
import type { IngestPipelineErrorFields, IngestStep } from '../pipeline/ingestPipelineError';
import type { RepairObserver } from '../services/repairService';

export interface TraceStep {
  /** `factor.ingest_closed:<series_id>` */
  name: string;
  step: string;
  series_id: string;
  status: 'ok' | 'failed';
  duration_ms: number;
  error?: string;
}

export interface TraceCompensation extends CompensationOutcome {
  series_id: string;
  step: IngestStep;
}

export interface RepairProgress {
  name: string;
  status: 'start' | 'ok' | 'failed';
  detail?: Record<string, unknown>;
}

export interface RunTrace {
  request: HttpRequest;
  response: HttpResponse;
  started_ms: number;
  steps: TraceStep[];
  stored: StoreWrite[];
  overlay_reset_for_rebuild: string[];
  compensation: TraceCompensation[];
  error: IngestPipelineErrorFields | null;
  crash: { point: FaultPointId; series_id: string } | null;
  published: { series_id: string; ok: boolean; error?: string }[];
  repair: RepairProgress[];
  debug_events: DebugEvent[];
}

function splitStepName(name: string): { step: string; series_id: string } {
  const i = name.indexOf(':');
  return i < 0 ? { step: name, series_id: '' } : { step: name.slice(0, i), series_id: name.slice(i + 1) };
}

/** Collects a trace while a request runs; `onRepair` also reports repair steps live. */
export class TraceRecorder {
  private readonly steps: TraceStep[] = [];
  private readonly stored: StoreWrite[] = [];
  private readonly overlayResets: string[] = [];
  private readonly compensation: TraceCompensation[] = [];
  private readonly published: RunTrace['published'] = [];
  private readonly repair: RepairProgress[] = [];
  private error: IngestPipelineErrorFields | null = null;
  private crash: RunTrace['crash'] = null;

  /** The observer handed to the pipeline and the repair service. */
  readonly observer: RepairObserver & PipelineObserver;

  constructor(onRepair?: (p: RepairProgress) => void) {
    this.observer = {
      stepOk: (s) => this.steps.push({ ...splitStepName(s.name), name: s.name, status: 'ok', duration_ms: s.duration_ms }),
      stepFailed: (step, series_id, error, duration_ms) =>
        this.steps.push({ name: `${step}:${series_id}`, step, series_id, status: 'failed', duration_ms, error }),
      stored: (w) => this.stored.push(w),
      overlayResetForRebuild: (id) => this.overlayResets.push(id),
      compensated: (series_id, step, outcome) => this.compensation.push({ ...outcome, series_id, step }),
      crashed: (point, series_id) => (this.crash = { point, series_id }),
      raised: (e) => (this.error = e.toFields()),
      published: (series_id, ok, error) =>
        this.published.push(error === undefined ? { series_id, ok } : { series_id, ok, error }),
      repairStep: (name, status, detail) => {
        const p: RepairProgress = detail === undefined ? { name, status } : { name, status, detail };
        this.repair.push(p);
        onRepair?.(p);
      },
    };
  }

  finish(request: HttpRequest, response: HttpResponse, startedMs: number, debugEvents: DebugEvent[]): RunTrace {
    return {
      request,
      response,
      started_ms: startedMs,
      steps: this.steps,
      stored: this.stored,
      overlay_reset_for_rebuild: this.overlayResets,
      compensation: this.compensation,
      error: this.error,
      crash: this.crash,
      published: this.published,
      repair: this.repair,
      debug_events: debugEvents,
    };
  }
}
