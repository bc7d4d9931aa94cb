/** Turns a failed valibot parse into one line a learner or a lesson author can act on. */
import * as v from 'valibot';

/** A readable message for the first problems of a failed parse, with the path of each. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = v.getDotPath(i);
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
