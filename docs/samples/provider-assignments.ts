import type { ProviderClient } from '@prakerja-kit/provider';

// #region submit
/** The participant uploaded a file for a TPM: forward it, send grading notes, read the verdict. */
export async function gradeTpm(client: ProviderClient, redeemCode: string, sequence: number) {
  const target = { redeemCode, scope: 'tpm', sequence } as const; // TPM: sequences 1-998
  // Not idempotent on the program side: each call creates a new submission with its own id.
  const submission = await client.assignments.submit({
    ...target,
    urlFile: 'https://lp.example/files/tpm-1.pdf', // one file URL per submission
  });
  await client.assignments.review({
    ...target,
    notes: 'Rapi dan lengkap.', // grading notes: the LP's feedback is not a verdict
    urlFile: 'https://lp.example/files/feedback-1.md', // optional; several video links in one .md
  });
  // The program's verdict: none, pending, accepted, rejected, or unknown (a status outside 0-3,
  // raw value in assignmentStatus). Accepted only when the program says so.
  const { assignmentState, assignmentStatus } = await client.assignments.retrieve(target);
  return { submissionId: submission.id, assignmentState, assignmentStatus };
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
    // 'complete' (post-test verified, UK accepted by the program), 'incomplete', or 'unknown' (a
    // status call failed or a status was not understood: ask again later). The SDK's rule.
    completion: progress.completion,
    partial: progress.partial, // a status call failed
  };
}
// #endregion
