import { describe, expect, it } from 'vitest';
import { buildStats, examHistory, median, practiceStreak, renderBarChart, topicStats, PASS_LINE, BAR_FILLED } from '../../src/core/training/stats.js';
import { attemptAt, exam, local, scenario } from './helpers.js';

const bank = [
  scenario('deny', { topics: ['4.1', '2.3'] }),
  scenario('dns', { topics: ['4.4', '2.6'] }),
  scenario('and', { topics: ['3.3'] }),
  scenario('late', { topics: ['2.10'] }),
];

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeNull();
  });
});

describe('topicStats', () => {
  it('counts each attempt for every topic of its scenario, in module order', () => {
    const rows = topicStats(
      [
        attemptAt('deny', true, local(1), { durationMs: 60_000 }),
        attemptAt('deny', false, local(2), { durationMs: 180_000 }),
        attemptAt('deny', true, local(3)),
        attemptAt('and', false, local(3), { durationMs: 5_000 }),
        attemptAt('late', true, local(3)),
        attemptAt('removed-from-bank', true, local(3)),
      ],
      bank,
    );
    expect(rows.map((r) => r.topic)).toEqual(['2.3', '2.10', '3.3', '4.1']);
    const deny = rows.find((r) => r.topic === '4.1')!;
    expect(deny).toEqual({ topic: '4.1', name: 'deny all ingress', attempts: 3, passes: 2, passRate: 2 / 3, medianDurationMs: 120_000, scenarios: 1 });
    expect(rows.find((r) => r.topic === '2.3')).toMatchObject({ attempts: 3, passes: 2 });
    expect(rows.find((r) => r.topic === '2.10')).toMatchObject({ attempts: 1, medianDurationMs: null });
    expect(rows.find((r) => r.topic === '2.10')!.name).toBeUndefined();
  });
});

describe('practiceStreak', () => {
  const now = local(10, 14);
  it('counts the days in a row up to today', () => {
    expect(
      practiceStreak(
        [attemptAt('a', true, local(10, 9)), attemptAt('a', true, local(9)), attemptAt('a', false, local(8)), attemptAt('a', true, local(6))],
        now,
      ),
    ).toBe(3);
  });

  it('still counts up to yesterday when nothing was done yet today', () => {
    expect(practiceStreak([attemptAt('a', true, local(9)), attemptAt('a', true, local(8))], now)).toBe(2);
  });

  it('is zero after a day off', () => {
    expect(practiceStreak([attemptAt('a', true, local(8)), attemptAt('a', true, local(7))], now)).toBe(0);
    expect(practiceStreak([], now)).toBe(0);
  });

  it('uses the local day: 00:30 today and 23:30 yesterday are two days', () => {
    expect(practiceStreak([attemptAt('a', true, local(10, 0, 30)), attemptAt('a', true, local(9, 23, 30))], now)).toBe(2);
  });

  it('crosses month ends', () => {
    const dec1 = new Date(2026, 11, 1, 10);
    expect(practiceStreak([attemptAt('a', true, dec1), attemptAt('a', true, local(30)), attemptAt('a', true, local(29))], dec1)).toBe(3);
  });
});

describe('examHistory and buildStats', () => {
  it('keeps finished exams only, oldest first', () => {
    const exams = [
      exam('second', local(5), 80),
      exam('first', local(2), 50),
      exam('gave-up', local(3), 0, { status: 'abandoned' }),
      exam('now', local(6), 0, { status: 'running', finishedAt: undefined, scorePct: undefined }),
    ];
    expect(examHistory(exams)).toEqual([
      { id: 'first', finishedAt: local(2).toISOString(), scorePct: 50, passed: false },
      { id: 'second', finishedAt: local(5).toISOString(), scorePct: 80, passed: true },
    ]);
  });

  it('adds up totals', () => {
    const r = buildStats(
      {
        attempts: [attemptAt('deny', true, local(9)), attemptAt('deny', false, local(10)), attemptAt('dns', false, local(10))],
        exams: [exam('e', local(9), 72.5)],
      },
      bank,
      local(10, 20),
    );
    expect(r.streakDays).toBe(2);
    expect(r.totals).toEqual({
      attempts: 3,
      passes: 1,
      passRate: 1 / 3,
      scenariosAttempted: 2,
      scenariosPassed: 1,
      daysPractised: 2,
      examsFinished: 1,
      examBestPct: 72.5,
    });
  });
});

describe('renderBarChart', () => {
  const history = examHistory([exam('a', local(1), 41), exam('b', local(3), 78), exam('c', local(5), 66), exam('d', local(7), 100)]);

  it('draws one line per exam with the score, the verdict in words and a pass line in the same column', () => {
    const lines = renderBarChart(history, 60);
    expect(lines[0]).toContain('66% pass mark');
    const bars = lines.slice(1);
    expect(bars).toHaveLength(4);
    for (const l of bars) expect(l).toHaveLength(60);
    expect(bars[0]).toMatch(/^2026-11-01  .*  {3}41%  fail$/);
    expect(bars[1]).toMatch(/ 78%  pass$/);
    expect(bars[2]).toMatch(/ 66%  pass$/);
    const column = bars[0].indexOf(PASS_LINE);
    for (const l of bars) expect(l.indexOf(PASS_LINE)).toBe(column);
  });

  it('makes the bar as long as the score', () => {
    const [, low, high, , full] = renderBarChart(history, 60);
    const filled = (l: string) => [...l].filter((c) => c === BAR_FILLED).length;
    expect(filled(low)).toBeLessThan(filled(high));
    expect(filled(high)).toBeLessThan(filled(full));
    const cells = 60 - 26;
    expect(filled(full)).toBe(cells - 1); // every cell but the pass line
    expect(Math.abs(filled(low) - 0.41 * cells)).toBeLessThanOrEqual(1);
  });

  it('shows the newest exams when there are many, and says when there are none', () => {
    const many = examHistory(Array.from({ length: 15 }, (_, i) => exam(`e${i}`, local(i + 1), 50 + i)));
    const lines = renderBarChart(many, 60, { max: 5 });
    expect(lines).toHaveLength(6);
    expect(lines[5]).toContain('64%');
    expect(renderBarChart([], 60)).toEqual(['No finished exams yet.']);
  });
});
