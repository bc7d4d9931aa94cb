/**
 * Replaying a share link. The replay runs in a scratch database first; only when every
 * action went through is the result copied into the learner's lab, so a link that fails
 * halfway changes nothing.
 */
import { LabBackend } from '../core/lab/labBackend';
import type { Scenario } from './lessonTypes';
import type { SharedLab } from './shareLink';
import { ShareLinkError } from './shareLink';
import { applySetup, runActions } from './scenarioSetup';

let scratch = 0;

export async function replaySharedLab(target: LabBackend, shared: SharedLab, scenarios: ReadonlyMap<string, Scenario>): Promise<void> {
  const setup = shared.kind === 'scenario' ? scenarios.get(shared.scenario)?.setup : shared.setup;
  if (!setup) throw new ShareLinkError('the share link names an unknown scenario');
  const dbName = `fault-isolation-lab-replay-${globalThis.crypto.randomUUID()}-${scratch++}`;
  const replay = await LabBackend.open({ dbName, env: setup.env, clock: target.clock });
  try {
    const ctx = await applySetup(replay, setup);
    try {
      await runActions(replay, shared.actions, ctx);
    } catch (e) {
      throw new ShareLinkError(`the share link could not be replayed: ${e instanceof Error ? e.message : String(e)}`);
    }
    await target.restoreState(await replay.exportState());
  } finally {
    replay.close();
    await replay.db.delete().catch(() => undefined);
  }
}
