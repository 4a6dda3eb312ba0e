// Ink's Text with every string child passed through safeText: the one door TUI text goes
// through. A draft, an attempt's stored answer or a scenario file may hold ESC, BEL or C1
// controls (an OSC in a YAML comment retitles the terminal; OSC 52 writes the clipboard).
// Screens import Text from here, never from 'ink' (a test checks that).
import React from 'react';
import { Text as InkText, type TextProps } from 'ink';
import { safeText } from '../../core/text/safe-text.js';

function safeChildren(children: React.ReactNode): React.ReactNode {
  if (typeof children === 'string') return safeText(children);
  if (Array.isArray(children)) return children.map(safeChildren);
  return children;
}

export function Text({ children, ...props }: TextProps): React.JSX.Element {
  return <InkText {...props}>{safeChildren(children)}</InkText>;
}

export type { TextProps };
