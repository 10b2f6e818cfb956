export type {
  CapturedRequest,
  CaptureFormat,
  DiagnoseSignatureOptions,
  ParseCaptureOptions,
  SignatureComponent,
  SignatureDiagnosis,
  SignatureFault,
  SignatureFaultCode,
} from '@prakerja-kit/sandbox';
export { diagnoseSignature, headerValue, parseCapture } from '@prakerja-kit/sandbox';
export type { CliIo, OutputStream } from './cli-io.js';
export type { ConformanceVectors, EventVector, ProgramVector } from './conformance-vectors.js';
export { createVectors } from './create-vectors.js';
export { ExitCode } from './exit-code.js';
export { runCli } from './run-cli.js';
