// The module track: the module's Exercises 1-5 in the order section 8 prints them, all in the
// bank and all answerable in the console (write or fix), followed one after the other.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { MODULE_TRACK, TRACKS, nextInTrack, trackProblems, trackProgress } from '../../src/core/bank/tracks.js';

const bank = loadBank(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises'));
const kindOf = (id: string) => bank.byId.get(id)?.kind;

describe('tracks', () => {
  it('every track names exercises of the bank that its way of playing can answer', () => {
    for (const t of TRACKS) expect(trackProblems(t, kindOf), t.id).toEqual([]);
    expect(trackProblems({ ...MODULE_TRACK, exercises: ['exercise-1', 'exercise-9'] }, kindOf)).toEqual(['track module: no exercise exercise-9 in the bank']);
    expect(trackProblems({ ...MODULE_TRACK, exercises: ['predict-layered-union'] }, kindOf)).toEqual([
      'track module: predict-layered-union is a predict exercise, which the console cannot answer',
    ]);
  });

  it('the module track is Exercises 1-5 in order, played in the console', () => {
    expect(MODULE_TRACK.exercises).toEqual(['exercise-1', 'exercise-2', 'exercise-3', 'exercise-4', 'exercise-5']);
    expect(MODULE_TRACK.console).toBe(true);
    expect(MODULE_TRACK.exercises.map((id) => nextInTrack(MODULE_TRACK, id))).toEqual(['exercise-2', 'exercise-3', 'exercise-4', 'exercise-5', undefined]);
    expect(nextInTrack(MODULE_TRACK, 'fix-and-or')).toBeUndefined();
  });

  it('progress counts the passed exercises and names the first open one', () => {
    expect(trackProgress(MODULE_TRACK, (id) => id !== 'exercise-3')).toEqual({ passed: 4, total: 5, firstOpen: 'exercise-3' });
    expect(trackProgress(MODULE_TRACK, () => true)).toEqual({ passed: 5, total: 5 });
  });
});
