/**
 * What if: the same request, the same armed faults, the same starting state, run twice
 * with one difference in the env, each in a scratch database, so the learner sees how a
 * flag changes the ending. The learner's own lab is not touched.
 */
import type { Clock } from '../clock';
import type { FaultSpec } from '../faults/faultInjector';
import type { Env } from '../flags/runtimeFlags';
import type { HttpRequest } from '../http/httpTypes';
import { blastRadius, type BlastRadius } from './blastRadius';
import { LabBackend } from './labBackend';
import { readLedgerTables, type LabSnapshot } from './labSnapshot';
import type { RunTrace } from './runTrace';

export interface WhatIfSide {
  env: Env;
  trace: RunTrace;
  blast: BlastRadius;
}

let scratchCounter = 0;

async function runOnce(snapshot: LabSnapshot, request: HttpRequest, faults: FaultSpec[], env: Env, clock?: Clock): Promise<WhatIfSide> {
  const dbName = `fault-isolation-lab-whatif-${globalThis.crypto.randomUUID()}-${scratchCounter++}`;
  const backend = await LabBackend.open(clock ? { dbName, env, clock } : { dbName, env });
  try {
    await backend.restoreState({ ...snapshot, env, status: 'running', faults: { next_id: 1, faults: [] } });
    for (const f of faults) backend.faults.arm(f);
    const trace = await backend.send(request);
    const after = await readLedgerTables(backend.db);
    return { env, trace, blast: blastRadius(snapshot.tables, after, trace) };
  } finally {
    backend.close();
    await backend.db.delete().catch(() => undefined);
  }
}

export async function runWhatIf(
  snapshot: LabSnapshot,
  request: HttpRequest,
  faults: FaultSpec[],
  envA: Env,
  envB: Env,
  clock?: Clock,
): Promise<{ a: WhatIfSide; b: WhatIfSide }> {
  const a = await runOnce(snapshot, request, faults, envA, clock);
  const b = await runOnce(snapshot, request, faults, envB, clock);
  return { a, b };
}

/** envA with one flag flipped (bools) or set (others): the usual "what if" question. */
export function withFlag(env: Env, name: string, value: string): Env {
  return { ...env, [name]: value };
}
