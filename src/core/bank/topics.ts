// The course module's sections as scenarios cite them ("4.1", "8"): one table of names for the
// practice browser's groups, the stats rows and the review screens.

import { compareNatural } from '../text/natural-order.js';

/** Module section numbers in reading order: "2.6" before "2.10", "4.1" before "8". */
export function compareTopics(a: string, b: string): number {
  return compareNatural(a, b);
}

// Our short names: top-level sections as headings, sub-sections in lower case as phrases.
const TOPIC_NAMES: Readonly<Record<string, string>> = {
  '1': 'Fundamentals',
  '2': 'The NetworkPolicy spec',
  '2.1': 'spec structure',
  '2.2': 'podSelector',
  '2.3': 'policyTypes',
  '2.4': 'ingress from',
  '2.5': 'egress to',
  '2.6': 'ports',
  '3': 'AND vs OR',
  '3.1': 'AND/OR rule',
  '3.2': 'OR: separate entries',
  '3.3': 'AND: one entry',
  '3.4': 'AND/OR side by side',
  '4': 'Default deny',
  '4.1': 'deny all ingress',
  '4.2': 'deny all egress',
  '4.3': 'deny both directions',
  '4.4': 'deny egress, allow DNS',
  '4.5': 'allow all ingress',
  '5': 'Combining policies',
  '5.1': 'the union rule',
  '5.2': 'layered policies',
  '5.3': 'cross-namespace',
  '6': 'Common patterns',
  '6.1': 'same namespace only',
  '6.2': 'database from backend',
  '6.3': 'egress to external API',
  '6.4': 'microsegmentation',
  '7': 'Debugging',
  '7.1': 'testing connectivity',
  '7.2': 'debugging checklist',
  '7.3': 'common mistakes',
  '7.4': 'all pods, all namespaces',
  '8': 'Practice exercises',
  '9': 'Key takeaways',
};

/** A short name for a section number ("4.1", "4"), or undefined for one we do not know. */
export function topicName(topic: string): string | undefined {
  return TOPIC_NAMES[topic];
}

/** The top-level section of a topic: "4.1" -> "4". */
export function sectionOf(topic: string): string {
  return topic.split('.')[0];
}

/** "4 Default deny"; "4 Other" for a section we have no name for. */
export function sectionTitle(section: string): string {
  return `${section} ${topicName(section) ?? 'Other'}`;
}
