/** The simulated backend's public surface: what the page, the lessons and outside test suites use. */
export { LabBackend, type LabBackendOptions, type LedgerState, type ServiceStatus, type TamperResult } from './lab/labBackend';
export type { RunTrace, TraceStep, TraceCompensation, RepairProgress } from './lab/runTrace';
export { ManualClock, systemClock, type Clock } from './clock';
export { FLAG_REGISTRY, readRuntimeFlags, validateEnv, defaultEnvValue, findFlag, type Env, type FlagSpec, type RuntimeFlags } from './flags/runtimeFlags';
export { FAULT_POINTS, FAULT_POINT_IDS, type FaultPointId } from './faults/faultPoints';
export { faultSpecProblem, type ArmedFault, type FaultSpec, type FaultTrigger } from './faults/faultInjector';
export type { DebugEvent } from './debug/debugHub';
export type { HttpRequest, HttpResponse, ErrorBody } from './http/httpTypes';
export { ROUTES } from './http/routes';
export type { ClosedCandle } from './domain/candle';
export { TIMEFRAME_SECONDS, TIMEFRAMES, timeframeOf, timeframeSecondsOf, isOnGrid } from './domain/series';
export { IngestPipelineError, ingestPipelineErrorMessage, type IngestPipelineErrorFields, type IngestStep } from './pipeline/ingestPipelineError';
export type { PublishMode } from './pipeline/candleHub';
export { generateCandles, nextCandles, overlappingBatch } from './lab/candleGenerator';
export { seededRandom } from './lab/seededRandom';
export { seedHistory, type SeedOptions } from './lab/seedHistory';
export { DEFAULT_SERIES, LEARNER_PRESET_ENV, HISTORY_START, HISTORY_CANDLES } from './lab/labPresets';
