/**
 * Flag changes the learner has made but not applied. The real service reads its env once
 * at start, so a change waits here (kept across reloads) until "restart".
 */
import { FLAG_REGISTRY, readRuntimeFlags, validateEnv, type Env, type FlagSpec, type LabBackend, type PublishMode } from '../../core';

const PENDING_KEY = 'ui.pending_env';

interface Kept {
  env: Env;
  publish_mode: PublishMode;
}

export class PendingEnv {
  env = $state.raw<Env>({});
  publishMode = $state<PublishMode>('best_effort');

  /** Messages naming the variable, keyed by env name. */
  errors = $derived(Object.fromEntries(validateEnv(this.env).map((e) => [e.env, e.message])) as Record<string, string>);

  constructor(private readonly backend: () => LabBackend) {}

  async load(): Promise<void> {
    const b = this.backend();
    const row = await b.db.meta.get(PENDING_KEY);
    const kept = row?.value as Kept | undefined;
    this.env = kept?.env ?? b.env;
    this.publishMode = kept?.publish_mode ?? b.publishMode;
  }

  async set(name: string, value: string | undefined): Promise<void> {
    const next = { ...this.env };
    if (value === undefined) delete next[name];
    else next[name] = value;
    this.env = next;
    await this.save();
  }

  async setPublishMode(mode: PublishMode): Promise<void> {
    this.publishMode = mode;
    await this.save();
  }

  /** Back to what the service runs with now. */
  async discard(): Promise<void> {
    const b = this.backend();
    this.env = b.env;
    this.publishMode = b.publishMode;
    await this.save();
  }

  /** The value the service would read for a flag, or undefined when the pending env is invalid there. */
  effective(spec: FlagSpec): boolean | number | string | undefined {
    if (this.errors[spec.env]) return undefined;
    try {
      return (readRuntimeFlags(this.env) as unknown as Record<string, boolean | number | string>)[spec.setting];
    } catch {
      return undefined;
    }
  }

  /** Env names whose pending effective value differs from the running one. */
  changedNames(running: Record<string, unknown>): string[] {
    return (FLAG_REGISTRY as readonly FlagSpec[]).filter((s) => this.errors[s.env] !== undefined || this.effective(s) !== running[s.setting]).map((s) => s.env);
  }

  private async save(): Promise<void> {
    const value: Kept = { env: $state.snapshot(this.env), publish_mode: this.publishMode };
    await this.backend().db.meta.put({ key: PENDING_KEY, value });
  }
}
