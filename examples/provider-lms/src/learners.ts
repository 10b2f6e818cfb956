/** A participant signed in to the LMS with a verified redeem code. */
export interface Learner {
  redeemCode: string;
  /** The participant's email at this LMS (sent to url-generate; one per course). */
  email: string;
}

/** Sessions of the LMS: an opaque cookie value → the learner. In memory here. */
export interface LearnerSessions {
  create(learner: Learner): string;
  get(sessionId: string | undefined): Learner | undefined;
  all(): Learner[];
}

/** Creates an in-memory {@link LearnerSessions}. */
export function createLearnerSessions(): LearnerSessions {
  const sessions = new Map<string, Learner>();
  return {
    create(learner) {
      const id = crypto.randomUUID();
      sessions.set(id, learner);
      return id;
    },
    get: (sessionId) => (sessionId === undefined ? undefined : sessions.get(sessionId)),
    all: () => [
      ...new Map([...sessions.values()].map((learner) => [learner.redeemCode, learner])).values(),
    ],
  };
}

/** The LMS's course plan: the program has no call that lists sequences, so the LP knows its own. */
export const COURSE_PLAN = {
  /** Redeem (1) and sessions 2-3. */
  attendance: [1, 2, 3],
  /** The post-test. */
  postTest: 999,
  /** TPM (Tugas Praktik Mandiri) sequences. */
  tpm: [1],
} as const;
