// Everything the practice flow draws, as one module loaded after the first frame: the bank,
// grader and engine behind these screens are not needed to show the home screen.
export { Browser, browserOrder } from '../screens/Browser.js';
export { Practice } from './PracticeScreen.js';
export { Exam, type ExamOptions } from '../exam/ExamScreen.js';
export { Review } from '../screens/Review.js';
export { Stats } from '../screens/Stats.js';
