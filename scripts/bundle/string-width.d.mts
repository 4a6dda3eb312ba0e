export const NARROW_SYMBOLS: string;
export default function stringWidth(input: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }): number;
