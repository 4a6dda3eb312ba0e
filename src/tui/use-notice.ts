// The store's notice to show now (practice/notices.ts), followed as it changes; a one-off notice
// is taken as seen once the learner moves to another screen.
import { useEffect, useRef, useState } from 'react';
import type { NoticeBoard } from './practice/notices.js';

export function useNotice(notices: NoticeBoard | undefined, screenName: string): string | undefined {
  const [notice, setNotice] = useState<string | undefined>(notices?.latest);
  useEffect(() => {
    if (!notices) return;
    setNotice(notices.latest);
    return notices.subscribe(setNotice);
  }, [notices]);
  const seenOn = useRef(screenName);
  useEffect(() => {
    if (seenOn.current !== screenName) notices?.dismiss();
    seenOn.current = screenName;
  }, [screenName, notices]);
  return notice;
}
