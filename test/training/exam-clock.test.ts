import { describe, expect, it } from 'vitest';
import { clockPhase, examClock, examDeadline, formatCountdown, formatDuration, remainingMs } from '../../src/core/training/exam-clock.js';

const start = new Date('2026-11-05T09:00:00Z');
const deadline = examDeadline(start, 45);
const at = (msBeforeDeadline: number) => new Date(deadline.getTime() - msBeforeDeadline);

describe('exam clock', () => {
  it('puts the deadline the exam length after the start', () => {
    expect(deadline.toISOString()).toBe('2026-11-05T09:45:00.000Z');
    expect(examClock(deadline, start)).toEqual({ remainingMs: 45 * 60_000, phase: 'normal', text: '45:00' });
  });

  it('turns to warning at 10 minutes left and to critical at 2 minutes left', () => {
    expect(clockPhase(10 * 60_000 + 1)).toBe('normal');
    expect(clockPhase(10 * 60_000)).toBe('warning');
    expect(clockPhase(2 * 60_000 + 1)).toBe('warning');
    expect(clockPhase(2 * 60_000)).toBe('critical');
    expect(clockPhase(1)).toBe('critical');
    expect(clockPhase(0)).toBe('over');
  });

  it('shows 10:00 exactly when the warning starts, and 00:00 only when time is up', () => {
    expect(examClock(deadline, at(10 * 60_000))).toMatchObject({ phase: 'warning', text: '10:00' });
    expect(examClock(deadline, at(10 * 60_000 + 1))).toMatchObject({ phase: 'normal', text: '10:01' });
    expect(examClock(deadline, at(1))).toMatchObject({ phase: 'critical', text: '00:01' });
    expect(examClock(deadline, deadline)).toMatchObject({ phase: 'over', text: '00:00', remainingMs: 0 });
  });

  it('has run on while the exam was closed: a resumed exam past its deadline is over', () => {
    const reopened = new Date(start.getTime() + 50 * 60_000);
    expect(remainingMs(deadline.toISOString(), reopened)).toBe(0);
    expect(examClock(deadline.toISOString(), reopened).phase).toBe('over');
    const reopenedEarly = new Date(start.getTime() + 20 * 60_000);
    expect(examClock(deadline.toISOString(), reopenedEarly)).toMatchObject({ phase: 'normal', text: '25:00' });
  });

  it('formats an hour and more as h:mm:ss', () => {
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(3_599_001)).toBe('1:00:00');
    expect(formatCountdown(3_599_000)).toBe('59:59');
    expect(formatCountdown(-5)).toBe('00:00');
  });

  it('formats time used', () => {
    expect(formatDuration(42_900)).toBe('42 s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12 min 5 s');
    expect(formatDuration(62 * 60_000)).toBe('1 h 02 min');
    expect(formatDuration(2 * 60_000)).toBe('2 min');
  });
});
