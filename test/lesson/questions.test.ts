/**
 * The checkpoint questions are answerable: the prepared run of each "predict, then run"
 * really ends in one of the offered options for every item, and each choice part has a
 * right answer that the grader accepts and a wrong one it refuses.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/index';
import { loadLessonData } from '../../src/lesson/lessonContent';
import { gradeChoice } from '../../src/lesson/predictionGrading';
import { runPrediction } from '../../src/lesson/predictionRun';

const lesson = await loadLessonData();

describe.each(lesson.questions)('question $number', (q) => {
  it('its prepared run ends in one of the offered options, and the right prediction grades as right', async () => {
    const scenario = lesson.scenarios.get(q.predict.scenario)!;
    const wrong = Object.fromEntries(q.predict.items.map((i) => [i.id, '__nothing__']));
    const first = await runPrediction(scenario, q.predict.items, wrong, new ManualClock());
    for (const item of q.predict.items) {
      expect(item.options.map((o) => o.value), `${item.id}: actual ${first.actual[item.id]}`).toContain(first.actual[item.id]);
    }
    expect(first.grades.every((g) => !g.correct)).toBe(true);
    const right = await runPrediction(scenario, q.predict.items, first.actual, new ManualClock());
    expect(right.grades.every((g) => g.correct)).toBe(true);
  });

  it('its choice part accepts exactly the correct options', () => {
    const correct = q.choice.options.filter((o) => o.correct).map((o) => o.id);
    expect(correct.length).toBeGreaterThan(0);
    if (!q.choice.multi) expect(correct).toHaveLength(1);
    expect(gradeChoice(q.choice.options, correct)).toBe(true);
    const wrong = q.choice.options.find((o) => !o.correct)!;
    expect(gradeChoice(q.choice.options, [...correct, wrong.id])).toBe(false);
  });
});
