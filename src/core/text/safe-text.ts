// The one escaping function for text that reaches a terminal. A manifest is often someone
// else's file (a dump from a shared cluster, a chart): an ESC, BEL or an 8-bit C1 control in a
// name, a value or a comment must not retitle the terminal, write the clipboard (OSC 52) or
// move the cursor. Every CLI writer and every TUI text goes through `safeText`.
//
// Escaped, as \xNN: C0 controls except line feed and tab (which only lay text out), DEL, and the
// C1 controls U+0080..U+009F (U+009B is CSI and U+009D is OSC on terminals that read 8-bit
// controls; JSON.stringify leaves them as they are).
// Escaped as \uNNNN: the invisible characters that reorder or hide text (Trojan Source,
// CVE-2021-42574): the bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069),
// the marks U+061C, U+200E, U+200F, the zero-width characters U+200B..U+200D, U+2060..U+2064 and
// U+FEFF, and the line and paragraph separators U+2028, U+2029. A name "abc\u202egpj.exe"
// would otherwise show as "abcexe.jpg"; in JSON output the escape reads back as the same string.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const hex = (c: string): string => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

export function safeText(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, hex) : text;
}

/** Whether `text` holds a character that `safeText` would escape. */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL.test(text);
}
