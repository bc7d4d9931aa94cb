/**
 * Every lesson scenario is proven solvable: its solution, run headless on a fresh lab,
 * meets every check of its goal, and doing nothing meets none of the goal.
 */
import { describe, expect, it } from 'vitest';
import { LabBackend, ManualClock } from '../../src/core/index';
import { evaluateChecks, goalMet, repairCalls } from '../../src/lesson/goalChecks';
import { loadLessonData, loadSectionText, sectionMetas } from '../../src/lesson/lessonContent';
import { applySetup, runActions } from '../../src/lesson/scenarioSetup';

const lesson = await loadLessonData();
let n = 0;

async function freshLab(env: Record<string, string>) {
  return LabBackend.open({ dbName: `scenario-${n++}`, env, clock: new ManualClock() });
}

describe('lesson content', () => {
  it('has the lesson sections in both languages with the same ids and scenarios', () => {
    const [en, zh] = [sectionMetas('en'), sectionMetas('zh')];
    expect(en.map((s) => s.id)).toEqual([...lesson.sectionIds]);
    expect(zh.map((s) => s.id)).toEqual([...lesson.sectionIds]);
    expect(zh.map((s) => s.scenarios)).toEqual(en.map((s) => s.scenarios));
    for (const s of en) for (const id of s.scenarios) expect(lesson.scenarios.has(id), `${s.id} offers ${id}`).toBe(true);
  });

  it('loads each section text on its own, in both languages', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const s of sectionMetas(lang)) {
        const html = await loadSectionText(lang, s.id);
        expect(html, `${lang} ${s.id}`).toMatch(/<p>/);
      }
    }
    await expect(loadSectionText('en', 'no-such-section')).rejects.toThrow(/no section no-such-section/);
  });

  it('asks the five checkpoint questions in order', () => {
    expect(lesson.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe.each([...lesson.scenarios.values()])('scenario $id', (scenario) => {
  it('its goal is not met by doing nothing, and is met by its solution', async () => {
    const backend = await freshLab(scenario.setup.env);
    try {
      const ctx = await applySetup(backend, scenario.setup);
      const idle = await evaluateChecks(backend, scenario.checks, []);
      expect(goalMet(idle)).toBe(false);
      if (scenario.checks.length === 0) return; // the sandbox has no goal
      expect(idle.every((r) => r.ok)).toBe(false);

      const traces = await runActions(backend, scenario.solution, ctx);
      const results = await evaluateChecks(backend, scenario.checks, traces);
      expect(results.filter((r) => !r.ok).map((r) => r.label.en)).toEqual([]);
      if (scenario.par_calls !== undefined) expect(repairCalls(traces)).toBeLessThanOrEqual(scenario.par_calls);
    } finally {
      backend.close();
    }
  });
});
