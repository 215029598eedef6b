import { readFileSync } from 'node:fs';

// Linux counts process and machine CPU time in USER_HZ ticks, 100 a second on every platform
// Node supports there.
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds that processes and the whole machine spent between two readings. Latency on a
 * machine shared by the service, its database, the broker and the load comes and goes with what
 * else runs; the CPU time each request costs does not, so it shows whether a change made the
 * work cheaper. Readings need /proc: elsewhere they are empty and the figures are left out.
 */
export interface CpuReading {
  processes: Map<number, number>;
  machine: { busy: number; total: number } | undefined;
}

export function readCpu(pids: readonly number[]): CpuReading {
  const processes = new Map<number, number>();
  for (const pid of pids) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== undefined) processes.set(pid, seconds);
  }
  return { processes, machine: machineCpuSeconds() };
}

/** CPU seconds the given processes spent since `before`; one that started since counts whole. */
export function cpuSecondsSince(before: CpuReading, after: CpuReading, pids: readonly number[]): number {
  return pids.reduce(
    (sum, pid) => sum + (after.processes.get(pid) ?? 0) - (before.processes.get(pid) ?? 0),
    0,
  );
}

/** CPU seconds the whole machine spent working between the readings, on all its cores. */
export function machineCpuSecondsSince(before: CpuReading, after: CpuReading): number | undefined {
  if (!before.machine || !after.machine) return undefined;
  return after.machine.busy - before.machine.busy;
}

/** The share of the machine's CPU time that went to work between the readings, in percent. */
export function machineBusyPercent(before: CpuReading, after: CpuReading): number | undefined {
  if (!before.machine || !after.machine) return undefined;
  const total = after.machine.total - before.machine.total;
  return total > 0 ? (100 * (after.machine.busy - before.machine.busy)) / total : undefined;
}

function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function machineCpuSeconds(): { busy: number; total: number } | undefined {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const ticks = (cpu ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    // idle and iowait are the time nothing ran.
    const busy = total - (ticks[3] ?? 0) - (ticks[4] ?? 0);
    return { busy: busy / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * Seconds a process's main thread (in Node, its event loop) spent on a core, and spent ready to
 * run but waiting for one, from the kernel's scheduler statistics. On a machine the service
 * shares, the wait is the part of its latency that no change to the service's code removes.
 */
export interface ThreadSchedule {
  runningSeconds: number;
  waitingSeconds: number;
}

export function readMainThreadSchedule(pid: number): ThreadSchedule | undefined {
  try {
    // The main thread's id is the process id; the first two fields are nanoseconds.
    const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (running === undefined || waiting === undefined || Number.isNaN(running + waiting)) return undefined;
    return { runningSeconds: running / 1e9, waitingSeconds: waiting / 1e9 };
  } catch {
    return undefined;
  }
}
