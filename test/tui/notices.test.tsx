// The store's notices reach the learner: a progress file set aside on opening is said on Home
// until the next screen; a draft that cannot be written stays said until a write works again.
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import { openStore } from '../../src/store/progress-store.js';
import { practiceServices } from '../../src/tui/practice/services.js';
import { NoticeBoard } from '../../src/tui/practice/notices.js';
import { cleanupRendered, renderAt } from './helpers.js';
import { EXERCISES } from './fixtures.js';

afterEach(cleanupRendered);

describe('notices', () => {
  it('a corrupt progress file set aside is said on Home, and no more once the learner moves on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-notices-'));
    writeFileSync(path.join(dir, 'progress.json'), '{ this is not json');
    const services = practiceServices({ exercisesDir: EXERCISES, openProgress: (onNotice) => openStore({ dir, onNotice }) });
    const home = await services.home();
    const r = renderAt(<App services={services} home={home} />, { columns: 100, rows: 30 });
    const frame = await r.waitFor('exercises passed');
    expect(frame).toMatch(/^! \S*progress\.json was unreadable /m);
    const list = await r.pressUntil('/ to filter', '1');
    expect(list).not.toContain('was unreadable');
  });

  it('a sticky notice stays across screens until its trouble is over', () => {
    const board = new NoticeBoard();
    const seen: (string | undefined)[] = [];
    board.subscribe((m) => seen.push(m));
    board.push('draft not saved: the disk is full; trying again', true);
    board.dismiss();
    expect(board.latest).toBe('draft not saved: the disk is full; trying again');
    board.push('');
    expect(board.latest).toBeUndefined();
    board.push('skipped 2 malformed records');
    board.dismiss();
    expect(board.latest).toBeUndefined();
    expect(seen).toEqual(['draft not saved: the disk is full; trying again', undefined, 'skipped 2 malformed records', undefined]);
    expect(board.history).toEqual(['draft not saved: the disk is full; trying again', 'skipped 2 malformed records']);
  });
});
