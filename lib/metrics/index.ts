export { calibration, type Calibration } from './calibration';
export { feedbackTimes, type ReviewerFeedback } from './feedback-times';
export { lostWhileWaiting, type LostWhileWaiting } from './lost-while-waiting';
export { outcomes, type Outcomes } from './outcomes';
export { MIN_DECIDED, passThrough, type PassThrough, type StagePassThrough } from './pass-through';
export { isoWeek, sourcingActivity, type WeeklySourcing } from './sourcing-activity';
export { isStageMove, stageHistory, type EntryHistory, type StageMove, type StageVisit } from './stage-history';
export { median, percentile, tally } from './stats';
export { timeInStage, type StageTime } from './time-in-stage';
