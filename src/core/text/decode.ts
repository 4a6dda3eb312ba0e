// Bytes of an input file -> text, as kubectl reads it: UTF-8 (a leading BOM is dropped).
// Files saved as UTF-16 (PowerShell's `>` and Notepad's "Unicode" do that) are the common
// non-UTF-8 case: they get a hint saying so instead of a puzzling "binary data" error.

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; line: number; col: number };

const utf16Hint = (order: 'LE' | 'BE'): string =>
  `looks like UTF-16${order} (as PowerShell's ">" and Notepad's "Unicode" save files); save it as UTF-8`;

/** Which UTF-16 byte order the bytes look like, from a BOM or from NULs between ASCII characters. */
export function utf16ByteOrder(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE';
  return nulInterleaved(bytes.length, (i) => bytes[i]);
}

/** ASCII text written as UTF-16 has a NUL in every other position: "a\0p\0i\0" (LE) or "\0a\0p\0i" (BE). */
function nulInterleaved(length: number, at: (i: number) => number): 'LE' | 'BE' | undefined {
  const n = Math.min(length - (length % 2), 256);
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (at(i) === 0) evenNul++;
    if (at(i + 1) === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'LE';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'BE';
  return undefined;
}

// fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD, which would
// let a Latin-1 or binary file through with its names silently changed (go-yaml refuses it too).
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeInput(bytes: Uint8Array): DecodeResult {
  const order = utf16ByteOrder(bytes);
  if (order) return { ok: false, message: utf16Hint(order), line: 1, col: 1 };
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return invalidUtf8(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** Length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or > U+10FFFF), 0 when invalid. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The error for bytes that are not UTF-8, at the first bad byte (columns count characters, as for YAML errors). */
function invalidUtf8(bytes: Uint8Array): DecodeResult {
  let i = 0;
  for (let n = sequenceLength(bytes, 0); i < bytes.length && n > 0; n = sequenceLength(bytes, i)) i += n;
  i = Math.min(i, bytes.length - 1);
  // A NUL before the bad byte: binary data, said as the YAML reader says it.
  const nul = bytes.subarray(0, i).indexOf(0);
  if (nul >= 0) i = nul;
  let before = new TextDecoder('utf-8').decode(bytes.subarray(0, i));
  if (before.charCodeAt(0) === 0xfeff) before = before.slice(1);
  // A lone CR ends a line too, as the YAML reader counts them.
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1];
  const byte = `0x${bytes[i].toString(16).padStart(2, '0')}`;
  // A lead byte whose continuation bytes run into the end: the file was cut mid-character.
  const need = bytes[i] >= 0xf0 ? 4 : bytes[i] >= 0xe0 ? 3 : 2;
  const cut = bytes[i] >= 0xc2 && bytes[i] <= 0xf4 && i + need > bytes.length && bytes.subarray(i + 1).every((x) => x >= 0x80 && x <= 0xbf);
  const what = nul >= 0 ? '' : cut ? 'a character cut off at the end of the input' : `byte ${byte} is not valid here${latin1(bytes, i) ? ' (Latin-1 or Windows-1252 text?)' : ''}`;
  const message = nul >= 0 ? 'binary data (NUL byte) is not YAML' : `not UTF-8: ${what}; kubectl reads manifests as UTF-8, save the file as UTF-8`;
  return { ok: false, message, line: lines.length, col: last.length + 1 };
}

/** A letter of Latin-1 (é is 0xe9) stands alone: no continuation byte follows it, as one would in UTF-8. */
function latin1(bytes: Uint8Array, i: number): boolean {
  const next = bytes[i + 1];
  return bytes[i] >= 0xa0 && (next === undefined || next < 0x80 || next > 0xbf);
}

/** The message for a NUL in text: a UTF-16 hint when the text is UTF-16 read as UTF-8. */
export function nulByteMessage(text: string): string {
  const start = text.startsWith('\uFFFD\uFFFD') ? 2 : 0; // an UTF-16 BOM decoded as UTF-8
  const order = nulInterleaved(text.length - start, (i) => text.charCodeAt(start + i));
  return order ? `binary data (NUL bytes): ${utf16Hint(order)}` : 'binary data (NUL byte) is not YAML';
}
