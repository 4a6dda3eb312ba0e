// The one way TUI components read keys. Like Ink's useInput (raw mode while active, one layer
// active at a time through `isActive`), but it delivers named KeyPress values (Backspace and
// Delete apart, bracketed paste as one event) and keeps a single subscription per activation,
// calling the latest handler through a ref, so a key never reaches a handler from an older render.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { PasteCollector, parseKey, pasteKey, type KeyPress } from './keys.js';

/** A paste whose end marker has not come after this long is taken as finished. */
const PASTE_TIMEOUT_MS = 1000;

export function useKeys(handler: (key: KeyPress) => void, options: { isActive?: boolean } = {}): void {
  const isActive = options.isActive ?? true;
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events, internal_exitOnCtrlC: inkHandlesCtrlC } = useStdin();
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
    const deliver = (events: ReturnType<PasteCollector['feed']>) => {
      for (const ev of events) {
        if (ev.kind === 'paste') latest.current(pasteKey(ev.text));
        else if (!(inkHandlesCtrlC && ev.sequence === '\x03')) latest.current(parseKey(ev.sequence));
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
  }, [isActive, events, inkHandlesCtrlC]);
}
