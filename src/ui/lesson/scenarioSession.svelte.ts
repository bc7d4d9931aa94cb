/**
 * The scenario a learner is working on: set up in the lab in one click, then every
 * request the lab sends is recorded here and the goal is re-checked against the lab's
 * real state. Success comes from the learner's own actions, never from a button.
 */
import type { LabBackend } from '../../core/lab/labBackend';
import type { RunTrace } from '../../core/lab/runTrace';
import { evaluateChecks, goalMet, repairCalls, type CheckResult } from '../../lesson/goalChecks';
import type { Scenario } from '../../lesson/lessonTypes';
import type { LabAction } from '../../lesson/lessonTypes';
import { applySetup } from '../../lesson/scenarioSetup';

export class ScenarioSession {
  scenario = $state.raw<Scenario | null>(null);
  traces = $state.raw<RunTrace[]>([]);
  /** Actions the learner took, kept so the attempt can be shared as a link. */
  actions = $state.raw<LabAction[]>([]);
  results = $state.raw<CheckResult[]>([]);
  hintsShown = $state(0);
  solutionShown = $state(false);
  busy = $state(false);
  met = $derived(goalMet(this.results));
  calls = $derived(repairCalls(this.traces));

  constructor(
    private readonly backend: () => LabBackend,
    /** Called once the goal is met for the first time. */
    private readonly onMet: (scenario: Scenario, calls: number) => void,
  ) {}

  async start(scenario: Scenario): Promise<void> {
    this.busy = true;
    try {
      await applySetup(this.backend(), scenario.setup);
      this.scenario = scenario;
      this.traces = [];
      this.actions = [];
      this.hintsShown = 0;
      this.solutionShown = false;
      this.results = await evaluateChecks(this.backend(), scenario.checks, []);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Takes over a scenario whose start and actions were replayed elsewhere (a share link):
   * the lab already holds the result; the goal is re-checked against it.
   */
  async adopt(scenario: Scenario, actions: LabAction[]): Promise<void> {
    this.scenario = scenario;
    this.traces = [];
    this.actions = [...actions];
    this.hintsShown = 0;
    this.solutionShown = false;
    this.results = await evaluateChecks(this.backend(), scenario.checks, []);
  }

  /** The lab reports each request it sent (and the action, when it maps to one). */
  async record(trace: RunTrace | null, action?: LabAction): Promise<void> {
    const scenario = this.scenario;
    if (!scenario) return;
    if (trace) this.traces = [...this.traces, trace];
    if (action) this.actions = [...this.actions, action];
    await this.recheck();
  }

  /** Re-evaluates the goal (after any change to the lab, e.g. a restart). */
  async recheck(): Promise<void> {
    const scenario = this.scenario;
    if (!scenario) return;
    const wasMet = this.met;
    this.results = await evaluateChecks(this.backend(), scenario.checks, this.traces);
    if (!wasMet && goalMet(this.results)) this.onMet(scenario, this.calls);
  }

  showHint(): void {
    if (this.scenario && this.hintsShown < this.scenario.hints.length) this.hintsShown += 1;
  }

  leave(): void {
    this.scenario = null;
    this.traces = [];
    this.actions = [];
    this.results = [];
  }
}
