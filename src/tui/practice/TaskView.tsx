// The task of a step: story, step, cluster, the policies in place, the hints asked for.
import React from 'react';
import { ScrollLines, clampScroll, paneExtent, type PaneExtent } from '../components/ScrollLines.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import { taskLines, wrapLines } from '../../core/bank/describe.js';

export function TaskView(props: {
  prep: PreparedStep;
  hints: number;
  top: number;
  width: number;
  height: number;
  paneRef: { current: PaneExtent | undefined };
}) {
  const { width, height } = props;
  const lines = wrapLines(taskLines(props.prep, props.hints), width - 1);
  props.paneRef.current = paneExtent(lines.length, height);
  return <ScrollLines lines={lines} top={clampScroll(props.top, lines.length, height)} width={width} height={height} />;
}
