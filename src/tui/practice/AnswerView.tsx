// The answer of a write or fix step: the YAML editor with the live matrix of the draft.
import React from 'react';
import { AnswerEditor } from '../components/AnswerEditor.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { MatrixLayout } from './world.js';

export interface AnswerViewProps {
  prep: PreparedStep;
  layout: MatrixLayout;
  text: string;
  width: number;
  height: number;
  isActive: boolean;
  problem?: { line?: number; message: string };
  onChange: (t: string) => void;
  onSubmit: (t: string) => void;
  onCancel: (t: string) => void;
  onHelp: () => void;
}

export function AnswerView(props: AnswerViewProps) {
  return (
    <AnswerEditor
      prep={props.prep}
      layout={props.layout}
      initialText={props.text}
      width={props.width}
      height={props.height}
      isActive={props.isActive}
      problem={props.problem}
      onChange={props.onChange}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
      onHelp={props.onHelp}
    />
  );
}
