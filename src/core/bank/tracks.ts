// Tracks: exercises of the bank played in a fixed order. The module track is the course
// module's Exercises 1-5 as its section 8 prints them, played in kubectl in the trainer's
// console; `n` after a pass follows the track rather than the browser's order. Plain data
// checked against the bank (test/bank/tracks.test.ts), so a renamed exercise cannot drop out.

export interface Track {
  id: string;
  /** The browser's heading for it. */
  title: string;
  /** Exercise ids in playing order. */
  exercises: readonly string[];
  /** Each step opens in the console on its cluster (the exercises are kubectl scripts). */
  console: boolean;
}

export const MODULE_TRACK: Track = {
  id: 'module',
  title: 'Module track: Exercises 1-5',
  exercises: ['exercise-1', 'exercise-2', 'exercise-3', 'exercise-4', 'exercise-5'],
  console: true,
};

export const TRACKS: readonly Track[] = [MODULE_TRACK];

export function trackById(id: string | undefined): Track | undefined {
  return id === undefined ? undefined : TRACKS.find((t) => t.id === id);
}

/** The exercise after `id` on the track; undefined after the last (or for an id not on it). */
export function nextInTrack(track: Track, id: string): string | undefined {
  const i = track.exercises.indexOf(id);
  return i < 0 ? undefined : track.exercises[i + 1];
}

/** Where a learner stands on a track: how many exercises are passed, and the first one that is not. */
export function trackProgress(track: Track, passed: (id: string) => boolean): { passed: number; total: number; firstOpen?: string } {
  const open = track.exercises.filter((id) => !passed(id));
  return { passed: track.exercises.length - open.length, total: track.exercises.length, ...(open[0] ? { firstOpen: open[0] } : {}) };
}

/** What is wrong with a track against the bank: exercises it lacks, or that the console cannot answer. */
export function trackProblems(track: Track, kindOf: (id: string) => string | undefined): string[] {
  const out: string[] = [];
  if (new Set(track.exercises).size !== track.exercises.length) out.push(`track ${track.id} lists an exercise twice`);
  for (const id of track.exercises) {
    const kind = kindOf(id);
    if (kind === undefined) out.push(`track ${track.id}: no exercise ${id} in the bank`);
    else if (track.console && kind !== 'write' && kind !== 'fix') out.push(`track ${track.id}: ${id} is a ${kind} exercise, which the console cannot answer`);
  }
  return out;
}
