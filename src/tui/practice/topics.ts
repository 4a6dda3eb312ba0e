// The module's sections, for grouping the bank in the practice browser. A scenario lists
// module section numbers ("4.1", "8"); it is shown under the top-level section of its first.
import type { Scenario } from '../../core/bank/scenario.js';
import { sectionOf, sectionTitle, topicName } from '../../core/bank/topics.js';

export { sectionOf, sectionTitle };

export interface TopicGroup {
  section: string;
  title: string;
  scenarios: Scenario[];
}

/** Groups in section order; within a group, the bank's order. */
export function groupByTopic(scenarios: readonly Scenario[]): TopicGroup[] {
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) {
    const section = s.topics.length ? sectionOf(s.topics[0]) : '?';
    let list = groups.get(section);
    if (!list) groups.set(section, (list = []));
    list.push(s);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (Number(a) || 99) - (Number(b) || 99))
    .map(([section, list]) => ({ section, title: sectionTitle(section), scenarios: list }));
}

/** Does the filter text occur in the id, the title, a topic number or a topic's section name? */
export function matchesFilter(s: Scenario, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  const hay = [s.id, s.title, s.kind, ...s.topics, ...s.topics.map((t) => topicName(sectionOf(t)) ?? '')];
  return hay.some((h) => h.toLowerCase().includes(f));
}
