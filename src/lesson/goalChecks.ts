/**
 * Checking a scenario's goal against what really happened: the traces of the requests
 * sent since the scenario started, and the lab's state now. A goal is met by the
 * learner's own actions, never by pressing a "done" button.
 */
import { defaultEnvValue, findFlag, parseFlagValue } from '../core/flags/runtimeFlags';
import type { LabBackend } from '../core/lab/labBackend';
import type { RunTrace } from '../core/lab/runTrace';
import type { GoalCheck, Localized } from './lessonTypes';

export interface CheckResult {
  label: Localized;
  ok: boolean;
}

function barePath(path: string): string {
  return path.split('?', 1)[0]!;
}

function detailOf(trace: RunTrace): unknown {
  const body = trace.response.body as { detail?: unknown } | null;
  return body && typeof body === 'object' ? body.detail : undefined;
}

function responseMatches(trace: RunTrace, path: string, status: number, detail?: string): boolean {
  return barePath(trace.request.path) === path && trace.response.status === status && (detail === undefined || detailOf(trace) === detail);
}

function includes(data: Record<string, unknown>, want: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => data[k] === v);
}

/** Series a run was asked to write, whether or not it got to them. */
function requestedSeries(trace: RunTrace): string[] {
  const body = trace.request.body as { series_id?: unknown; batches?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== 'object') return [];
  if (body.batches && typeof body.batches === 'object') return Object.keys(body.batches);
  return typeof body.series_id === 'string' ? [body.series_id] : [];
}

export async function evaluateCheck(backend: LabBackend, check: GoalCheck, traces: readonly RunTrace[]): Promise<boolean> {
  switch (check.check) {
    case 'response':
      return traces.some((t) => responseMatches(t, check.path, check.status, check.detail));
    case 'last_response': {
      const last = [...traces].reverse().find((t) => barePath(t.request.path) === check.path);
      return last !== undefined && responseMatches(last, check.path, check.status, check.detail);
    }
    case 'pipeline_error':
      return traces.some((t) => t.error !== null && includes(t.error as unknown as Record<string, unknown>, check.fields));
    case 'ledger': {
      const ledger = await backend.ledger(check.series_id);
      const behind = ledger.store_head_time !== null && (ledger.overlay_head_time === null || ledger.overlay_head_time < ledger.store_head_time);
      return (check.in_sync === undefined || ledger.in_sync === check.in_sync) && (check.overlay_head_behind === undefined || behind === check.overlay_head_behind);
    }
    case 'only_new_rolled_back': {
      const now = new Set(await backend.candles.existing_closed_times(check.series_id, traces.flatMap((t) => t.stored.flatMap((w) => w.existing_times))));
      return traces.some((t) => {
        const comp = t.compensation.find((c) => c.series_id === check.series_id && c.candle_compensated_rows > 0);
        const write = t.stored.find((w) => w.series_id === check.series_id);
        if (!comp || !write) return false;
        const newTimes = new Set(write.new_candle_times);
        const onlyNew = comp.deleted_times.every((x) => newTimes.has(x));
        const olderKept = write.existing_times.every((x) => now.has(x));
        return onlyNew && olderKept && write.existing_times.length >= (check.min_overwritten ?? 0);
      });
    }
    case 'orphan_new_candles': {
      for (const t of traces) {
        const write = t.stored.find((w) => w.series_id === check.series_id);
        const failedHere = t.error?.series_id === check.series_id && t.error.step !== 'store.upsert_many_closed';
        const crashedHere = t.crash?.series_id === check.series_id;
        if (!write || write.new_candle_times.length === 0 || !(failedHere || crashedHere)) continue;
        const present = await backend.candles.existing_closed_times(check.series_id, write.new_candle_times);
        if (present.length === write.new_candle_times.length) return true;
      }
      return false;
    }
    case 'series_untouched':
      return traces.some(
        (t) => (t.error !== null || t.crash !== null) && requestedSeries(t).includes(check.series_id) && !t.stored.some((w) => w.series_id === check.series_id),
      );
    case 'debug_event':
      return traces.some((t) => t.debug_events.some((e) => e.event === check.event && (!check.data || includes(e.data, check.data))));
    case 'flag': {
      const spec = findFlag(check.env);
      if (!spec) return false;
      // Compare meanings, not spellings: "1", "true" and "on" are the same flag value.
      const current = parseFlagValue(spec, backend.env[check.env] ?? defaultEnvValue(spec));
      return current === parseFlagValue(spec, check.value);
    }
  }
}

export async function evaluateChecks(backend: LabBackend, checks: readonly GoalCheck[], traces: readonly RunTrace[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const check of checks) out.push({ label: check.label, ok: await evaluateCheck(backend, check, traces) });
  return out;
}

/** A goal is met when it has checks and all of them hold. */
export function goalMet(results: readonly CheckResult[]): boolean {
  return results.length > 0 && results.every((r) => r.ok);
}

/** Draw reads and repair calls: what a repair drill is scored on. */
export function repairCalls(traces: readonly RunTrace[]): number {
  return traces.filter((t) => ['/api/draw/delta', '/api/dev/repair/overlay'].includes(barePath(t.request.path))).length;
}
