export {
  appBenchProcess,
  progress,
  runAsBenchProcess,
  runBenchProcess,
  secondsSince,
  type BenchProcessOptions,
} from './bench-process';
export {
  cpuSecondsSince,
  machineBusyPercent,
  machineCpuSecondsSince,
  readCpu,
  readMainThreadSchedule,
  type CpuReading,
  type ThreadSchedule,
} from './cpu-accounting';
export type { Metric } from './metric';
