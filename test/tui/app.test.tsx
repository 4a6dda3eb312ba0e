import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { App } from '../../src/tui/App.js';
import { progressLine } from '../../src/tui/screens/Home.js';
import { openStore } from '../../src/store/progress-store.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The app with a real bank and a store in a fresh temp dir, opened on exercise-1's editor. */
async function inEditor() {
  const store = await openStore({ dir: mkdtempSync(path.join(tmpdir(), 'netpol-dojo-app-')), onNotice: () => {} });
  const services = await loadedServices(store);
  const r = renderAt(<App services={services} />);
  await waitForFrame(r.lastFrame, 'exercises passed');
  await sendKeys(r.stdin, KEY.enter);
  await waitForFrame(r.lastFrame, '/ to filter');
  await sendKeys(r.stdin, '/', 'exercise-1', KEY.enter, KEY.enter);
  await waitForFrame(r.lastFrame, 'exercise-1 · Step 1/2');
  await sendKeys(r.stdin, KEY.enter);
  await waitForFrame(r.lastFrame, 'Ctrl+S grade');
  return r;
}
import { KEY, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame } from './helpers.js';
import { loadedServices } from './fixtures.js';

afterEach(cleanupRendered);

const progress = { passed: 12, attempted: 15, total: 40, examBest: 72.4 };

describe('home screen', () => {
  it('fills 80x24 less one row: title, progress, menu, footer', async () => {
    const { lastFrame } = renderAt(<App progress={progress} />, { columns: 80, rows: 24 });
    const frame = await waitForFrame(lastFrame, 'Quit');
    const lines = frameLines(frame);
    expect(lines).toHaveLength(23);
    expect(lines.slice(0, 10)).toEqual([
      'netpol-dojo                                                                 Home',
      ' 12/40 exercises passed · 15 attempted · best mock exam 72%',
      '',
      ' > 1. Practice         exercises one at a time, with feedback',
      '   2. Mock exam        8 tasks in 45 minutes, graded at the end',
      '   3. Review mistakes  failed attempts, weak spots to drill',
      '   4. Stats            progress by topic, exam history, streak',
      '   5. Quit',
      '',
      '',
    ]);
    expect(lines[22]).toBe('↑/↓ move   Enter open   1-5 open by number   ? help   q quit');
  });

  it('says when no mock exam was taken', () => {
    expect(progressLine({ passed: 0, attempted: 0, total: 40 })).toBe('0/40 exercises passed · 0 attempted · no mock exam yet');
  });

  it('arrows and j/k move the selection, wrapping around', async () => {
    const { stdin, lastFrame } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, '> 1. Practice');
    await sendKeys(stdin, KEY.down, 'j');
    await waitForFrame(lastFrame, '> 3. Review mistakes');
    await sendKeys(stdin, 'k', KEY.up, KEY.up);
    await waitForFrame(lastFrame, '> 5. Quit');
  });

  it('menu keys sent in one read all count (as tmux send-keys does)', async () => {
    const { stdin, lastFrame } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, '> 1. Practice');
    await sendKeys(stdin, 'jj\r');
    // No bank in this app: the review screen waits for one, titled in the header.
    const frame = await waitForFrame(lastFrame, 'No exercise bank in this build.');
    expect(frameLines(frame)[0]).toMatch(/^netpol-dojo +Review mistakes$/);
  });

  it('Mock exam opens its screen (waiting for the bank here) and Esc goes back home', async () => {
    const { stdin, lastFrame } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, '> 1. Practice');
    await sendKeys(stdin, KEY.down, KEY.enter);
    const frame = await waitForFrame(lastFrame, 'No exercise bank in this build.');
    expect(frameLines(frame)[0]).toMatch(/^netpol-dojo +Mock exam$/);
    await sendKeys(stdin, KEY.esc);
    await waitForFrame(lastFrame, '> 1. Practice');
  });

  it('re-lays out when the terminal is resized', async () => {
    const { lastFrame, resize } = renderAt(<App progress={progress} />, { columns: 80, rows: 24 });
    await waitForFrame(lastFrame, 'Quit');
    resize(100, 30);
    const frame = await waitForFrame(lastFrame, (f) => frameLines(f).length === 29);
    expect(frameLines(frame)[0]).toHaveLength(100);
    expect(frameLines(frame)[28]).toContain('q quit');
  });
});

describe('help overlay', () => {
  it('? lists the keys of the current screen and takes the keys while open', async () => {
    const { stdin, lastFrame } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, 'Quit');
    await sendKeys(stdin, '?');
    const frame = await waitForFrame(lastFrame, 'Keys: Home');
    expect(frame).toContain('next entry');
    expect(frame).toContain('1-5  ');
    expect(frame).toContain('Ctrl+C');
    expect(frameLines(frame)[22]).toBe('Esc/? close help');
    // j is not passed through to the menu underneath.
    await sendKeys(stdin, 'j', KEY.esc);
    await waitForFrame(lastFrame, '> 1. Practice');
  });

  it('in the editor F1 shows the editor keys, and q is text, not quit', async () => {
    const { stdin, lastFrame, exited } = await inEditor();
    await sendKeys(stdin, 'q');
    await waitForFrame(lastFrame, '1 q');
    await sendKeys(stdin, KEY.f1);
    const frame = await waitForFrame(lastFrame, 'Keys: Practice · exercise-1');
    expect(frame).toContain('edit in $EDITOR');
    await sendKeys(stdin, KEY.esc);
    await waitForFrame(lastFrame, '1 q');
    let done = false;
    void exited().then(() => (done = true));
    // Settled after Esc: an exit would have happened by now.
    await sendKeys(stdin);
    expect(done).toBe(false);
  });
});

describe('quitting', () => {
  it('q on the home screen quits', async () => {
    const { stdin, lastFrame, exited } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, 'Quit');
    await sendKeys(stdin, 'q');
    await exited();
  });

  it('Ctrl+C quits from inside the editor', async () => {
    const { stdin, exited } = await inEditor();
    await sendKeys(stdin, KEY.ctrlC);
    await exited();
  });

  it('the Quit entry quits', async () => {
    const { stdin, lastFrame, exited } = renderAt(<App progress={progress} />);
    await waitForFrame(lastFrame, 'Quit');
    await sendKeys(stdin, KEY.end, KEY.enter);
    await exited();
  });
});
