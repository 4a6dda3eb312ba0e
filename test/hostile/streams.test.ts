// Inputs that are not regular files: stdin, devices, FIFOs. Every stream is counted and
// stopped at the cap; devices are refused; a FIFO nobody writes to is given up on.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { openSync, writeFileSync, closeSync } from 'node:fs';
import path from 'node:path';
import { readInput } from '../../src/cli/load-inputs.js';
import { InputError, formatFinding } from '../../src/core/findings.js';
import { decodeInput, nulByteMessage } from '../../src/core/text/decode.js';
import { captureIo } from '../cli/capture-io.js';
import { runBinary, tempDir } from './helpers.js';

async function readError(file: string, cwd: string, options = {}): Promise<string> {
  try {
    await readInput(file, captureIo({ cwd }), options);
  } catch (e) {
    if (e instanceof InputError) return e.findings.map(formatFinding).join('\n');
    throw e;
  }
  return '(read fine)';
}

const canMkfifo = (() => {
  try {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'probe')]);
    return true;
  } catch {
    return false;
  }
})();

describe('devices and streams', () => {
  it('a device is refused before anything is read', async () => {
    expect(await readError('/dev/zero', '/')).toBe('/dev/zero: cannot read: is a character device, not a file');
    expect(await readError('/dev/urandom', '/')).toBe('/dev/urandom: cannot read: is a character device, not a file');
  });

  it('stdin is counted and stopped at the cap (the real binary, fed from /dev/zero)', async () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const r = await runBinary(['matrix', '-f', '-'], { stdin: fd });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('<stdin>: input is too large (more than 67108864 bytes): refusing it\n');
    } finally {
      closeSync(fd);
    }
  });

  it('a regular file over the cap is refused from its size', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'big.yaml'), 'a'.repeat(2048));
    expect(await readError('big.yaml', dir, { maxBytes: 1024 })).toBe('big.yaml: file is too large (2048 bytes; the limit is 1024)');
  });

  it.skipIf(!canMkfifo)('a FIFO nobody opens for writing is given up on, with a message', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'p')]);
    expect(await readError('p', dir, { fifoWaitMs: 200 })).toBe('p: cannot read: it is a named pipe (FIFO) and nothing opened it for writing within 0 s');
  });

  it.skipIf(!canMkfifo)('a FIFO with an endless writer stops at the cap', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'p');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes 'a: b' > "${fifo}"`], { stdio: 'ignore' });
    try {
      expect(await readError('p', dir, { maxBytes: 100_000 })).toBe('p: input is too large (more than 100000 bytes): refusing it');
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it.skipIf(!canMkfifo)('a FIFO whose writer comes and goes is read whole', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'p');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf 'apiVersion: v1\\nkind: Namespace\\n' > "${fifo}"`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const text = await readInput('p', captureIo({ cwd: dir }));
    expect(text).toBe('apiVersion: v1\nkind: Namespace\n');
    await exited;
  });
});

describe('text encodings', () => {
  const utf16le = (s: string) => Buffer.from(s, 'utf16le');
  it('UTF-16 input, with or without a BOM, gets a hint to save it as UTF-8', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bom-le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('apiVersion: v1\n')]));
    writeFileSync(path.join(dir, 'bom-be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le('apiVersion: v1\n').swap16()]));
    writeFileSync(path.join(dir, 'no-bom.yaml'), utf16le('apiVersion: v1\nkind: Pod\n'));
    expect(await readError('bom-le.yaml', dir)).toMatch(/^bom-le\.yaml:1:1: looks like UTF-16LE .*; save it as UTF-8$/);
    expect(await readError('bom-be.yaml', dir)).toMatch(/^bom-be\.yaml:1:1: looks like UTF-16BE .*; save it as UTF-8$/);
    expect(await readError('no-bom.yaml', dir)).toMatch(/^no-bom\.yaml:1:1: looks like UTF-16LE .*; save it as UTF-8$/);
  });

  it('text already decoded (the TUI, tests) gets the same hint from its NULs', () => {
    expect(nulByteMessage('a\0p\0i\0V\0e\0r\0s\0i\0o\0n\0')).toMatch(/^binary data \(NUL bytes\): looks like UTF-16LE/);
    expect(nulByteMessage('abc\0def')).toBe('binary data (NUL byte) is not YAML');
  });

  it('a UTF-8 BOM is dropped; other bytes are UTF-8 as kubectl reads them', () => {
    expect(decodeInput(Buffer.from('\uFEFFapiVersion: v1\n'))).toEqual({ ok: true, text: 'apiVersion: v1\n' });
    expect(decodeInput(Buffer.from('name: café\n'))).toEqual({ ok: true, text: 'name: café\n' });
  });
});
