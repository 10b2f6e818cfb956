export type { CliIo, OutputStream } from './cli-io.js';
export type { ConformanceVectors, EventVector, ProgramVector } from './create-vectors.js';
export { createVectors } from './create-vectors.js';
export type {
  DiagnoseSignatureOptions,
  SignatureComponent,
  SignatureDiagnosis,
  SignatureFault,
  SignatureFaultCode,
} from './diagnose-signature.js';
export { diagnoseSignature } from './diagnose-signature.js';
export { ExitCode } from './exit-code.js';
export type { CapturedRequest, CaptureFormat, ParseCaptureOptions } from './parse-capture.js';
export { headerValue, parseCapture } from './parse-capture.js';
export { runCli } from './run-cli.js';
