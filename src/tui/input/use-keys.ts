// The one way TUI components read keys. Like Ink's useInput (raw mode while active, one layer
// active at a time through `isActive`), but it delivers named KeyPress values (Backspace and
// Delete apart, bracketed paste as one event) and keeps a single subscription per activation,
// calling the latest handler through a ref, so a key never reaches a handler from an older render.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useApp, useStdin } from 'ink';
import { PasteCollector, keysIn, pasteKey, splitIntoKeys, type KeyPress } from './keys.js';

/** A paste whose end marker has not come after this long is taken as finished. */
const PASTE_TIMEOUT_MS = 1000;

export interface UseKeysOptions {
  isActive?: boolean;
  /** Deliver pasted or fast-typed text one character at a time (for menus, not editors). */
  splitText?: boolean;
}

export function useKeys(handler: (key: KeyPress) => void, options: UseKeysOptions = {}): void {
  const isActive = options.isActive ?? true;
  const splitText = options.splitText ?? false;
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events, internal_exitOnCtrlC: inkHandlesCtrlC } = useStdin();
  const { exit } = useApp();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const collector = new PasteCollector();
    let timer: NodeJS.Timeout | undefined;
    const send = (key: KeyPress) => {
      for (const k of splitText ? splitIntoKeys(key) : [key]) latest.current(k);
    };
    const deliver = (events: ReturnType<PasteCollector['feed']>) => {
      for (const ev of events) {
        if (ev.kind === 'paste') send(pasteKey(ev.text));
        else {
          for (const key of keysIn(ev.sequence)) {
            if (!(inkHandlesCtrlC && key.sequence === '\x03')) send(key);
            // Ink only sees a Ctrl+C that arrives alone; one that shared a read still quits.
            else if (ev.sequence !== '\x03') exit();
          }
        }
      }
    };
    const onInput = (sequence: string) => {
      clearTimeout(timer);
      deliver(collector.feed(sequence));
      if (collector.inPaste) timer = setTimeout(() => deliver(collector.flush()), PASTE_TIMEOUT_MS);
    };
    events.on('input', onInput);
    return () => {
      clearTimeout(timer);
      events.removeListener('input', onInput);
    };
  }, [isActive, splitText, events, inkHandlesCtrlC, exit]);
}
