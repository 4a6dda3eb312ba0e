// kubectl explain's layout, from pkg/explain/v2/templates/plaintext.tmpl (the console's
// descriptions are its own; the lines around them are the template's).
import { describe, expect, it } from 'vitest';
import { newConsole, run } from './helpers.js';

describe('kubectl explain layout', () => {
  it('FIELD is followed by two line breaks; a field list ends with two blank lines', async () => {
    const lines = (await run(newConsole(), 'kubectl explain networkpolicy.spec')).lines;
    expect(lines.slice(3, 8)).toEqual(['', 'FIELD: spec <NetworkPolicySpec>', '', '', 'DESCRIPTION:']);
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/^ {4}\S/), '', '']);
    // policyTypes' enum is on the array's items: no enum line for the field.
    expect(lines.some((l) => l.includes('enum:'))).toBe(false);
  });

  it('an enum field: "enum:" under the name at its indentation; alone, ENUM: one value a line', async () => {
    const c = newConsole();
    const ports = (await run(c, 'kubectl explain netpol.spec.ingress.ports')).lines;
    const at = ports.findIndex((l) => l.startsWith('  protocol'));
    expect(ports[at + 1]).toBe('  enum: SCTP, TCP, UDP');
    expect((await run(c, 'kubectl explain netpol.spec.ingress.ports.protocol')).lines.slice(4, 10)).toEqual(['FIELD: protocol <string>', 'ENUM:', '    SCTP', '    TCP', '    UDP', '']);
  });

  it('--recursive lists the tree and ends with one blank line', async () => {
    const lines = (await run(newConsole(), 'kubectl explain netpol.spec.podSelector --recursive')).lines;
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^ {2}matchLabels\s+<map\[string\]string>$/), '']);
  });

  it('name and type are separated by the template\'s tab, as kubectl writes them', async () => {
    const lines = (await run(newConsole(), 'kubectl explain networkpolicy.spec')).lines;
    expect(lines.filter((l) => /^ {2}\w/.test(l))).toEqual(['  egress\t<[]NetworkPolicyEgressRule>', '  ingress\t<[]NetworkPolicyIngressRule>', '  podSelector\t<LabelSelector>', '  policyTypes\t<[]string>']);
  });
});
