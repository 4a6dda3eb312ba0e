// A stream of JSON objects (`kubectl get pods -o json | jq '.items[]'`, or `kubectl get -o json
// >> file` twice): kubectl's decoder reads successive JSON values when the input starts with
// '{', so the objects are read one by one, each located where it stands in the file.
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/core/findings.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { jsonStreamValues } from '../../src/core/manifest/json-documents.js';
import { parseYamlDocuments } from '../../src/core/manifest/yaml-documents.js';

const NS = '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}';
const pod = (extra = '') => `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "a"${extra}},\n "spec": {"containers": [{"name": "c", "image": "x"}]}}`;

describe('JSON streams', () => {
  it('the values, with brackets inside strings skipped; one value or anything between them is no stream', () => {
    expect(jsonStreamValues('{"a": "}{"}\n{"b": [1, {"c": "]"}]}\n', 10)).toEqual([
      { start: 0, end: 11 },
      { start: 12, end: 34 },
    ]);
    expect(jsonStreamValues('{"a": 1}\n', 10)).toBeUndefined();
    expect(jsonStreamValues('{"a": 1}\nb: 2\n', 10)).toBeUndefined();
    expect(jsonStreamValues('{"a": 1}\n{"b": 2\n', 10)).toBeUndefined();
    expect(jsonStreamValues('{"a":1}{"b":2}{"c":3}', 2)).toBeUndefined();
  });

  it('objects on lines of their own, pretty-printed or compact, are read as documents in order', () => {
    const r = loadManifests([{ file: 's.json', text: `${NS}\n${pod()}\n` }]);
    expect(r.findings.map(formatFinding)).toEqual([]);
    expect(r.objects.map((o) => `${o.kind} ${o.name} ${o.source.line}:${o.source.col}`)).toEqual(['Namespace a 1:1', 'Pod p 2:1']);
    const same = loadManifests([{ file: 's.json', text: `${NS} ${pod()}` }]);
    expect(same.objects.map((o) => `${o.kind} ${o.source.line}:${o.source.col}`)).toEqual(['Namespace 1:1', `Pod 1:${NS.length + 2}`]);
  });

  it("a finding in a later object is located in the file, not in the object (lines and the first line's columns moved)", () => {
    const text = `${NS}\r\n\r\n${pod(', "bogus": 1')}\r\n`;
    const r = loadManifests([{ file: 's.json', text }]);
    const col = pod(', "bogus": 1').indexOf('"bogus"') + 1;
    expect(r.findings.map(formatFinding)).toEqual([`s.json:3:${col}: metadata.bogus: unknown field "metadata.bogus"`]);
    const inline = loadManifests([{ file: 's.json', text: `${NS} ${pod(', "bogus": 1')}` }]);
    expect(inline.findings.map(formatFinding)).toEqual([`s.json:1:${NS.length + 1 + col}: metadata.bogus: unknown field "metadata.bogus"`]);
  });

  it('a broken stream keeps the YAML error of the whole text', () => {
    expect(parseYamlDocuments('s.json', `${NS}\n{"kind": \n`).findings.map(formatFinding)).toEqual(['s.json:2:1: YAML syntax error: Unexpected flow-map-start at node end']);
  });
});
