// Ctrl+C with Ink's own handling off (as the app runs): every layer quits on it, a layer that
// asks for it (the console pane) reads it as a key.
import { afterEach, describe, expect, it } from 'vitest';
import React, { useState } from 'react';
import { Text } from 'ink';
import { useKeys } from '../../src/tui/input/use-keys.js';
import type { KeyPress } from '../../src/tui/input/keys.js';
import { KEY, cleanupRendered, renderAt, sendKeys, waitForFrame } from './helpers.js';

afterEach(() => cleanupRendered());

function Layer(props: { active: boolean; ctrlC?: boolean; onKey?: (k: KeyPress) => void }) {
  const [seen, setSeen] = useState<string[]>([]);
  useKeys(
    (k) => {
      props.onKey?.(k);
      setSeen((s) => [...s, k.name === 'ctrl' ? `ctrl+${k.letter}` : k.name]);
    },
    { isActive: props.active, ctrlC: props.ctrlC },
  );
  return <Text>{`keys: ${seen.join(' ')}.`}</Text>;
}

describe('Ctrl+C', () => {
  it('quits from a layer that does not take it, which never sees it', async () => {
    const got: KeyPress[] = [];
    const r = renderAt(<Layer active onKey={(k) => got.push(k)} />);
    await sendKeys(r.stdin, 'x');
    await waitForFrame(r.lastFrame, 'keys: char.');
    await sendKeys(r.stdin, KEY.ctrlC);
    await r.exited();
    expect(got.map((k) => k.name)).toEqual(['char']);
  });

  it('is a key for a layer that takes it, and nothing quits', async () => {
    const r = renderAt(<Layer active ctrlC />);
    await sendKeys(r.stdin, KEY.ctrlC, KEY.ctrlC);
    await waitForFrame(r.lastFrame, 'keys: ctrl+c ctrl+c.');
    let done = false;
    void r.exited().then(() => (done = true));
    await sendKeys(r.stdin);
    expect(done).toBe(false);
  });
});
