// What the practice browser lists, in order: the tracks (the module's Exercises 1-5, played in
// the console), then the bank by the module's sections; a filter lists the sections only.
import type { ScenarioSummary } from '../../core/bank/bank-index.js';
import { groupByTopic, matchesFilter, type Listed } from '../practice/topics.js';
import { TRACKS, type Track } from '../../core/bank/tracks.js';

/** The browser's order (by section, then bank order); "next exercise" follows it. */
export function browserOrder<S extends Listed>(scenarios: readonly S[]): S[] {
  return groupByTopic(scenarios).flatMap((g) => g.scenarios);
}

/** One line of the list: an exercise, as a track's item or on its own. */
export interface Entry {
  id: string;
  track?: string;
}

export const entryKey = (e: Entry) => `${e.track ?? ''}:${e.id}`;

export interface Group {
  title: string;
  track?: Track;
  scenarios: ScenarioSummary[];
}

/**
 * The list's groups: the tracks (their exercises in track order), then the sections. A filter
 * finds exercises in the bank: it lists the sections only, so each match is there once.
 */
export function groupsOf(scenarios: readonly ScenarioSummary[], filter: string): Group[] {
  const visible = scenarios.filter((s) => matchesFilter(s, filter));
  if (filter.trim() !== '') return groupByTopic(visible);
  const byId = new Map(visible.map((s) => [s.id, s]));
  const tracks = TRACKS.map((t) => ({ title: t.title, track: t, scenarios: t.exercises.flatMap((id) => byId.get(id) ?? []) })).filter(
    (g) => g.scenarios.length,
  );
  return [...tracks, ...groupByTopic(visible)];
}

export function entriesOf(groups: readonly Group[]): Entry[] {
  return groups.flatMap((g) => g.scenarios.map((s) => (g.track ? { id: s.id, track: g.track.id } : { id: s.id })));
}

/** Entries in the order shown under a filter (computed in the reducer, so fast keys see the new filter). */
export function visibleEntries(scenarios: readonly ScenarioSummary[], filter: string): Entry[] {
  return entriesOf(groupsOf(scenarios, filter));
}
