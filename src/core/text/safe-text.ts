// The one escaping function for text that reaches a terminal. A manifest is often someone
// else's file (a dump from a shared cluster, a chart): an ESC, BEL or an 8-bit C1 control in a
// name, a value or a comment must not retitle the terminal, write the clipboard (OSC 52) or
// move the cursor. Every CLI writer and every TUI text goes through `safeText`.
//
// Escaped, as \xNN: C0 controls except line feed and tab (which only lay text out), DEL, and the
// C1 controls U+0080..U+009F (U+009B is CSI and U+009D is OSC on terminals that read 8-bit
// controls; JSON.stringify leaves them as they are).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

export function safeText(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, hex) : text;
}

/** Whether `text` holds a character that `safeText` would escape. */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL.test(text);
}
