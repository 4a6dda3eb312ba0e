// TEMPORARY: a free-form YAML editor reachable from the home menu, so that the editor can be
// tried by hand before Practice uses it. It only checks YAML syntax. Remove with its menu entry.
import React, { useCallback, useState } from 'react';
import { Box, Text } from 'ink';
import { parseAllDocuments, LineCounter } from 'yaml';
import { YamlEditor, EDITOR_KEYS } from '../editor/YamlEditor.js';
import type { KeyHints } from '../components/KeyHelp.js';

export const SCRATCH_KEYS: KeyHints = [
  ['Ctrl+S', 'check'],
  ['Ctrl+E', '$EDITOR'],
  ['Esc', 'back'],
  ['F1', 'help'],
];
export const SCRATCH_HELP: KeyHints = EDITOR_KEYS;

const SAMPLE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: backend
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
`;

/** The first YAML syntax error, with its 1-based line. */
function firstYamlError(text: string): { line: number; message: string } | undefined {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const line = lineCounter.linePos(err.pos[0]).line;
      return { line, message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
    }
  }
  return undefined;
}

export function ScratchEditor(props: { width: number; height: number; isActive: boolean; onBack: () => void; onHelp: () => void }) {
  const [error, setError] = useState<{ line: number; message: string } | undefined>();
  const [checked, setChecked] = useState('');
  const onChange = useCallback((text: string) => {
    setError(firstYamlError(text));
    setChecked('');
  }, []);
  const onSubmit = useCallback((text: string) => {
    const e = firstYamlError(text);
    setChecked(e ? `not valid YAML (line ${e.line})` : `valid YAML, ${text.split('\n').length} lines (only syntax is checked here)`);
  }, []);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text dimColor wrap="truncate">{checked || 'Scratch editor (temporary): YAML syntax is checked as you type.'}</Text>
      <YamlEditor
        initialText={SAMPLE}
        width={props.width}
        height={Math.max(2, props.height - 1)}
        isActive={props.isActive}
        errorLine={error?.line}
        errorMessage={error?.message}
        onChange={onChange}
        onSubmit={onSubmit}
        onCancel={props.onBack}
        onHelp={props.onHelp}
      />
    </Box>
  );
}
