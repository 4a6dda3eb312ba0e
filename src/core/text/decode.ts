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

export function decodeInput(bytes: Uint8Array): DecodeResult {
  const order = utf16ByteOrder(bytes);
  if (order) return { ok: false, message: utf16Hint(order), line: 1, col: 1 };
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** The message for a NUL in text: a UTF-16 hint when the text is UTF-16 read as UTF-8. */
export function nulByteMessage(text: string): string {
  const start = text.startsWith('\uFFFD\uFFFD') ? 2 : 0; // an UTF-16 BOM decoded as UTF-8
  const order = nulInterleaved(text.length - start, (i) => text.charCodeAt(start + i));
  return order ? `binary data (NUL bytes): ${utf16Hint(order)}` : 'binary data (NUL byte) is not YAML';
}
