// Located findings for one object: every message is "<Type>: <value>: <detail>" under a
// field path, as the API server words its validation errors.
import type { Finding, Severity } from '../findings.js';
import { formatPath, type FieldPath, type Locator } from './yaml-documents.js';

/**
 * A value as the API server quotes it in messages (strings quoted, the rest as JSON), cut short so
 * that an error stays one readable line. Cycle-safe: a value seen twice on one path is "<cycle>".
 */
export function showValue(v: unknown): string {
  let text: string;
  try {
    text = v === undefined ? 'null' : (JSON.stringify(v, cycleSafe()) ?? String(v));
  } catch {
    text = String(v); // a BigInt or a throwing getter: never let a message crash the command
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}... (${text.length} characters)` : text;
}

/** A JSON.stringify replacer that writes "<cycle>" for an object that contains itself. */
function cycleSafe(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    if (typeof value !== 'object' || value === null) return value;
    // `this` is the object holding `value`: drop the ancestors we have left.
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(value)) return '<cycle>';
    ancestors.push(value);
    return value;
  };
}

const MAX_SHOWN = 80;

export class Reporter {
  readonly findings: Finding[] = [];
  constructor(
    readonly file: string,
    readonly locator: Locator,
  ) {}

  private add(severity: Severity, path: FieldPath, message: string, atKey: boolean): void {
    const pos = atKey ? this.locator.key(path) : this.locator.value(path);
    this.findings.push({ severity, file: this.file, line: pos.line, col: pos.col, path: formatPath(path), message });
  }

  get errorCount(): number {
    return this.findings.filter((f) => f.severity === 'error').length;
  }

  invalid(path: FieldPath, value: unknown, detail: string): void {
    this.add('error', path, `Invalid value: ${showValue(value)}: ${detail}`, false);
  }
  /** Invalid map key: the API server names the map, we point at the key itself. */
  invalidKey(mapPath: FieldPath, key: string, detail: string): void {
    const pos = this.locator.key([...mapPath, key]);
    const message = `Invalid value: ${showValue(key)}: ${detail}`;
    this.findings.push({ severity: 'error', file: this.file, line: pos.line, col: pos.col, path: formatPath(mapPath), message });
  }
  required(path: FieldPath, detail = ''): void {
    this.add('error', path, detail ? `Required value: ${detail}` : 'Required value', false);
  }
  unsupported(path: FieldPath, value: unknown, supported: readonly string[]): void {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    this.add('error', path, `Unsupported value: ${showValue(value)}: supported values: ${list}`, false);
  }
  forbidden(path: FieldPath, detail: string): void {
    this.add('error', path, `Forbidden: ${detail}`, false);
  }
  unknownField(path: FieldPath): void {
    this.add('error', path, `unknown field "${formatPath(path)}"`, true);
  }
  /** A plain error at a field (wrong apiVersion, missing kind, ...). */
  error(path: FieldPath, message: string, atKey = false): void {
    this.add('error', path, message, atKey);
  }
  warning(path: FieldPath, message: string, atKey = false): void {
    this.add('warning', path, message, atKey);
  }
}
