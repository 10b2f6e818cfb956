export type { Lms, LmsOptions } from './create-app.js';
export { createApp } from './create-app.js';
export type { Learner, LearnerSessions } from './learners.js';
export { COURSE_PLAN, createLearnerSessions } from './learners.js';
export type { RunningServer } from './listen.js';
export { listen } from './listen.js';
export type { SandboxConnection } from './sandbox-connection.js';
export { connectSandbox } from './sandbox-connection.js';
