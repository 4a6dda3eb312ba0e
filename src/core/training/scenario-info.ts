// What the training logic needs to know of a scenario. A bank Scenario fits as it is;
// tests can pass small literals instead of whole scenario files.
import type { Scenario } from '../bank/scenario.js';

export type ScenarioInfo = Pick<Scenario, 'id' | 'title' | 'kind' | 'topics' | 'difficulty' | 'minutes'> & {
  steps: readonly unknown[];
};

// Topic numbers and names live with the bank (one table for every screen and report).
export { compareTopics, topicName } from '../bank/topics.js';
