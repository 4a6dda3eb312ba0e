// The module's sections, for grouping the bank in the practice browser. A scenario lists
// module section numbers ("4.1", "8"); it is shown under the top-level section of its first.
import type { Scenario } from '../../core/bank/scenario.js';
import { sectionOf, sectionTitle, topicName } from '../../core/bank/topics.js';

export { sectionOf, sectionTitle };

/** What grouping and filtering read: a full scenario or its summary from the prebuilt index. */
export type Listed = Pick<Scenario, 'id' | 'title' | 'kind' | 'topics'>;

export interface TopicGroup<S extends Listed = Scenario> {
  section: string;
  title: string;
  scenarios: S[];
}

/** Groups in section order; within a group, the bank's order. */
export function groupByTopic<S extends Listed>(scenarios: readonly S[]): TopicGroup<S>[] {
  const groups = new Map<string, S[]>();
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
export function matchesFilter(s: Listed, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  const hay = [s.id, s.title, s.kind, ...s.topics, ...s.topics.map((t) => topicName(sectionOf(t)) ?? '')];
  return hay.some((h) => h.toLowerCase().includes(f));
}
