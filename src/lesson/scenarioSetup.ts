/**
 * Bringing a lab into a scenario's starting state: wipe, start the service with the
 * scenario's env, seed history through the real write chain, arm faults, run the
 * prelude. Deterministic: the same scenario always starts from the same rows.
 */
import type { LabBackend } from '../core/lab/labBackend';
import { DEFAULT_SERIES, HISTORY_CANDLES, HISTORY_SEED } from '../core/lab/labPresets';
import { seedHistory } from '../core/lab/seedHistory';
import type { RunTrace } from '../core/lab/runTrace';
import { runLabAction, type ActionContext } from './labActions';
import type { LabAction, ScenarioSetup } from './lessonTypes';

/** Seed for the batches a scenario's actions generate (the prelude and solution use it). */
export const ACTION_SEED = 1000;

export async function applySetup(backend: LabBackend, setup: ScenarioSetup): Promise<ActionContext> {
  // History is written with faults disarmed; the scenario's own faults are armed after.
  await backend.wipe(setup.env);
  await seedHistory(backend, {
    series: setup.series ?? DEFAULT_SERIES,
    count: setup.history?.count ?? HISTORY_CANDLES,
    seed: setup.history?.seed ?? HISTORY_SEED,
  });
  const ctx: ActionContext = { seed: ACTION_SEED };
  for (const action of setup.prelude ?? []) await runLabAction(backend, action, ctx);
  for (const fault of setup.faults ?? []) backend.faults.arm(fault);
  // The debug log starts with the learner's own actions.
  await backend.clearDebugLog();
  return ctx;
}

/** Runs actions in order and collects the traces of the requests they sent. */
export async function runActions(backend: LabBackend, actions: readonly LabAction[], ctx: ActionContext): Promise<RunTrace[]> {
  const traces: RunTrace[] = [];
  for (const action of actions) {
    const trace = await runLabAction(backend, action, ctx);
    if (trace) traces.push(trace);
  }
  return traces;
}
