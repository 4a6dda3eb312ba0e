// The one way TUI components read keys. Like Ink's useInput (raw mode while active, one layer
// active at a time through `isActive`), but it delivers named KeyPress values (Backspace and
// Delete apart, bracketed paste as one event) and keeps a single subscription per activation,
// calling the latest handler through a ref, so a key never reaches a handler from an older render.
// Ctrl+C quits (the app is rendered with Ink's exitOnCtrlC off, so that a layer can take it as a
// key: the console pane, as a shell does). With no layer active the terminal is not in raw mode,
// so Ctrl+C is SIGINT there, which terminal.ts answers by quitting.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useApp, useStdin } from 'ink';
import { PasteCollector, keysIn, pasteKey, splitIntoKeys, type KeyPress } from './keys.js';

/** A paste whose end marker has not come after this long is taken as finished. */
const PASTE_TIMEOUT_MS = 1000;

export interface UseKeysOptions {
  isActive?: boolean;
  /** Deliver pasted or fast-typed text one character at a time (for menus, not editors). */
  splitText?: boolean;
  /** This layer takes Ctrl+C as a key (it decides when to quit); on every other layer it quits. */
  ctrlC?: boolean;
}

export function useKeys(handler: (key: KeyPress) => void, options: UseKeysOptions = {}): void {
  const isActive = options.isActive ?? true;
  const splitText = options.splitText ?? false;
  const takesCtrlC = options.ctrlC ?? false;
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
            if (key.sequence !== '\x03' || takesCtrlC) send(key);
            // When Ink quits on Ctrl+C it sees only one that arrives alone; one that shared a read quits here.
            else if (!inkHandlesCtrlC || ev.sequence !== '\x03') exit();
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
  }, [isActive, splitText, takesCtrlC, events, inkHandlesCtrlC, exit]);
}
