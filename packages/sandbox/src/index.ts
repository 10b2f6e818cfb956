export type { CreateFixturesOptions, CredentialOverride } from './create-fixtures.js';
export { createFixtures } from './create-fixtures.js';
export type {
  ListenOptions,
  Sandbox,
  SandboxOptions,
  SandboxServer,
} from './create-sandbox.js';
export { createSandbox, DEFAULT_SANDBOX_BASE_URLS } from './create-sandbox.js';
export type {
  DiagnoseSignatureOptions,
  SignatureComponent,
  SignatureDiagnosis,
  SignatureFault,
  SignatureFaultCode,
} from './diagnose/diagnose-signature.js';
export { diagnoseSignature } from './diagnose/diagnose-signature.js';
export type {
  CapturedRequest,
  CaptureFormat,
  ParseCaptureOptions,
} from './diagnose/parse-capture.js';
export { headerValue, parseCapture } from './diagnose/parse-capture.js';
export type { SandboxProgramExchange } from './internal/engine.js';
export { PROGRAM_API_OPENAPI_JSON } from './internal/openapi-document.js';
export type { SandboxCliOptions, StartedSandbox } from './run-sandbox-cli.js';
export {
  parseSandboxArgs,
  runSandboxCli,
  SANDBOX_CLI_USAGE,
  startSandboxServer,
} from './run-sandbox-cli.js';
export type {
  AssignmentDecision,
  AssignmentRecord,
  AssignmentTarget,
  AssignmentVerdictPolicy,
  DeliveryAttempt,
  DeliveryRecord,
  DurationInput,
  EventTriggerInput,
  EventTriggerResult,
  FaultInput,
  FaultKind,
  FaultRecord,
  RedeemCodeRecord,
  SandboxControl,
  SandboxEvent,
  SandboxState,
  SmsMessage,
  SsoConsentInput,
  TransactionRecord,
  VerificationDecision,
  VerificationRecord,
  WebhookEndpoint,
  WebhookEndpointInput,
} from './sandbox-control.js';
export { isSandboxControlError, SandboxControlError } from './sandbox-control-error.js';
export type {
  EducationLevel,
  SandboxClient,
  SandboxCourse,
  SandboxFixtures,
  SandboxParticipant,
  SandboxRedeemCode,
  SandboxSchedule,
} from './sandbox-fixtures.js';
export { EDUCATION_LEVELS } from './sandbox-fixtures.js';
export type {
  ProfileSwitches,
  ProfileSwitchName,
  SandboxProfile,
  SandboxProfileInput,
  SandboxProfileName,
} from './sandbox-profiles.js';
export {
  describeSandboxProfile,
  PROFILE_SWITCHES,
  resolveSandboxProfile,
  SANDBOX_PROFILE_NAMES,
  SANDBOX_PROFILES,
  sandboxErrorFor,
} from './sandbox-profiles.js';
