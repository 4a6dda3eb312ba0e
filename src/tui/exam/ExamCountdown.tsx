// The exam's countdown, for the header: always on screen while an exam runs. Colour changes
// in the last 10 and 2 minutes, and a text mark says the same for NO_COLOR terminals.
import React from 'react';
import { Text } from '../components/Text.js';
import { examClock, type ClockPhase } from '../../core/training/exam-clock.js';
import { useNow } from '../clock.js';

export function countdownText(phase: ClockPhase, text: string): string {
  switch (phase) {
    case 'normal':
      return `⏱ ${text} left`;
    case 'warning':
      return `! ${text} left (under 10 min)`;
    case 'critical':
      return `!! ${text} LEFT (under 2 min)`;
    case 'over':
      return `${text} time is up`;
  }
}

const COLOR: Record<ClockPhase, string | undefined> = { normal: 'green', warning: 'yellow', critical: 'red', over: 'red' };

export function ExamCountdown(props: { deadline: string }) {
  const now = useNow(1000);
  const c = examClock(props.deadline, new Date(now));
  return (
    <Text color={COLOR[c.phase]} bold={c.phase !== 'normal'} inverse={c.phase === 'critical'}>
      {countdownText(c.phase, c.text)}
    </Text>
  );
}
