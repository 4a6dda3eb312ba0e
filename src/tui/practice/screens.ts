// Everything the practice flow draws, as one module loaded after the first frame: the bank,
// grader and engine behind these screens are not needed to show the home screen.
export { Browser, BROWSER_KEYS, BROWSER_HELP, FILTER_KEYS, browserOrder } from '../screens/Browser.js';
export { Session, type ScreenKeys } from '../screens/Session.js';
export { Exam, type ExamOptions } from '../screens/Exam.js';
export { Review } from '../screens/Review.js';
export { Stats } from '../screens/Stats.js';
