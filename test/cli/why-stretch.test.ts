// `why FROM TO` without a port explains each stretch of ports on its first port, and writes the
// stretch in its place: only the probe's own port, never the same digits inside a rule's port
// (a rule on 50051/TCP read "50051-50050/TCP" when the stretch 1-50050 replaced every "1/TCP").
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const file = path.resolve(__dirname, '../fixtures/why/port-near-miss.yaml');

describe('why without a port', () => {
  it('names the rule that admits the peer on its own port, and the stretch it does not cover', async () => {
    const io = captureIo();
    expect(await runCli(['why', '-f', file, 'a/cli', 'a/srv'], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('a/cli -> a/srv: allowed TCP 50051');
    expect(lines[1]).toBe(
      '  TCP ports 1-50050: denied: a/srv is isolated for ingress by a/grpc and no ingress rule admits a/cli on 1-50050/TCP (a/grpc ingress[0] admits a/cli but only on 50051/TCP, not 1-50050/TCP)',
    );
    expect(lines[2]).toMatch(/^ {2}TCP port 50051: allowed: a\/grpc ingress\[0\] admits it/);
  });
});
