// Errors as data: every problem in a user's input is a located Finding.
// Only the outermost shell (CLI, TUI) decides how to print them and which exit code to use.

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  file: string;
  /** 1-based; 0 when the position is unknown (e.g. stdin closed early). */
  line: number;
  col: number;
  /** Field path as the API server writes it, e.g. spec.ingress[0].ports[1].endPort; may be empty. */
  path: string;
  message: string;
}

/** FILE:LINE:COL: field.path: message (the one-line form every command prints). */
export function formatFinding(f: Finding): string {
  const where = f.line > 0 ? `${oneLine(f.file)}:${f.line}:${f.col}` : oneLine(f.file);
  const prefix = f.severity === 'warning' ? 'warning: ' : '';
  const message = clip(f.message.replace(/[\r\n]+/g, ' '));
  return f.path ? `${where}: ${prefix}${clip(oneLine(f.path))}: ${message}` : `${where}: ${prefix}${message}`;
}

/** Line breaks from input (a file or key named "a\nb") as escapes: a finding is one line. */
export function oneLine(text: string): string {
  return /[\r\n]/.test(text) ? text.replace(/\r/g, '\\r').replace(/\n/g, '\\n') : text;
}

/** A hostile file can put megabytes into a key or value; an error line stays readable. */
function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** Thrown only across module boundaries where a result type would be awkward; the shell catches it. */
export class InputError extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.map(formatFinding).join('\n'));
    this.name = 'InputError';
  }
}
