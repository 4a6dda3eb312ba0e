// The task of a step: story, step, cluster, the policies in place, the hints asked for.
import React from 'react';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import { taskLines, wrapLines } from '../../core/bank/describe.js';

export function TaskView(props: { prep: PreparedStep; hints: number; top: number; width: number; height: number; maxTopRef: { current: number | undefined } }) {
  const { width, height } = props;
  const lines = wrapLines(taskLines(props.prep, props.hints), width - 1);
  props.maxTopRef.current = Math.max(0, lines.length - height);
  return <ScrollLines lines={lines} top={clampScroll(props.top, lines.length, height)} width={width} height={height} />;
}
