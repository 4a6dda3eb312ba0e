// Records a graded answer in the store; the mapping itself is the core's (attemptOf).
import { attemptOf, type GradedAnswer } from '../core/training/attempt-of.js';
import type { Attempt } from './schema.js';
import type { ProgressStore } from './progress-store.js';

export { attemptOf, type GradedAnswer };

export function recordGrade(store: Pick<ProgressStore, 'recordAttempt'>, g: GradedAnswer): Promise<Attempt> {
  return store.recordAttempt(attemptOf(g));
}
