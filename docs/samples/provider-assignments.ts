import type { ProviderClient } from '@prakerja-kit/provider';

// #region submit
/** The participant uploaded a file for a TPM: forward it, then grade it. */
export async function gradeTpm(client: ProviderClient, redeemCode: string, sequence: number) {
  const target = { redeemCode, scope: 'tpm', sequence } as const; // TPM: sequences 1-998
  // Not idempotent on the program side: each call creates a new submission with its own id.
  const submission = await client.assignments.submit({
    ...target,
    urlFile: 'https://lp.example/files/tpm-1.pdf', // one file URL per submission
  });
  await client.assignments.review({
    ...target,
    notes: 'Rapi dan lengkap.', // the LP's feedback
    urlFile: 'https://lp.example/files/feedback-1.md', // optional; several video links in one .md
  });
  const { assignmentStatus, feedbackStatus } = await client.assignments.retrieve(target);
  return { submissionId: submission.id, assignmentStatus, feedbackStatus }; // 0 none, 1 pending, 2 accepted, 3 rejected
}
// #endregion

// #region progress
/** Everything about one participant's course in one call. */
export async function progressOf(client: ProviderClient, redeemCode: string) {
  const progress = await client.completion.retrieve({
    redeemCode,
    attendanceSequences: [1, 2, 3], // the sessions your course has
    tpmSequences: [1, 2],
  });
  return {
    attended: progress.attendance.filter((item) => item.verified).map((item) => item.sequence),
    postTestVerified: progress.postTest.verified,
    complete: progress.complete, // post-test verified and UK accepted: the SDK's rule, not the program's
    partial: progress.partial, // a status call failed: do not conclude from this report
  };
}
// #endregion
