export const faultModes = ['none', 'down', 'slow', 'fail', 'rate-limit', 'garbage'] as const;
export type FaultMode = (typeof faultModes)[number];

export interface Faults {
  mode: FaultMode;
  /** `slow`: how long each answer is held back. */
  delayMs: number;
  /** `fail`, `rate-limit`, `garbage`: the share of calls that get the fault, 0–1. */
  failRatio: number;
  /** `rate-limit`: the Retry-After the 429 answers carry. */
  retryAfterSeconds: number;
}

export const noFaults: Faults = { mode: 'none', delayMs: 1_000, failRatio: 1, retryAfterSeconds: 1 };

/** What one call gets: answered normally, or the fault to apply instead (or, `slow`, after). */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'down' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'fail' }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'garbage' };

/** Parses a PUT /_simulator/faults body; unset fields keep their defaults. */
export function parseFaults(body: unknown): { faults: Faults } | { problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { problem: 'expected an object' };
  const input = body as Record<string, unknown>;
  if (!faultModes.includes(input['mode'] as FaultMode))
    return { problem: `mode must be one of ${faultModes.join(', ')}` };
  const number = (name: string, min: number, max: number, fallback: number) => {
    const value = input[name];
    if (value === undefined) return fallback;
    return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : NaN;
  };
  const faults: Faults = {
    mode: input['mode'] as FaultMode,
    delayMs: number('delayMs', 0, 120_000, noFaults.delayMs),
    failRatio: number('failRatio', 0, 1, noFaults.failRatio),
    retryAfterSeconds: number('retryAfterSeconds', 0, 3_600, noFaults.retryAfterSeconds),
  };
  for (const [name, value] of Object.entries(faults))
    if (Number.isNaN(value)) return { problem: `${name} is out of range` };
  return { faults: { ...faults, retryAfterSeconds: Math.ceil(faults.retryAfterSeconds) } };
}

/**
 * Decides each legacy-API call's fault. A ratio is applied by counting, not by chance: with 0.2
 * exactly every fifth call since the mode was set fails, so runs repeat and a retry of a failed
 * call (the next call) goes through unless the ratio is high.
 */
export class FaultSwitch {
  private current: Faults = noFaults;
  private callsInMode = 0;

  get faults(): Faults {
    return this.current;
  }

  set(faults: Faults): void {
    this.current = faults;
    this.callsInMode = 0;
  }

  decide(): FaultDecision {
    const { mode, delayMs, failRatio, retryAfterSeconds } = this.current;
    if (mode === 'none') return { kind: 'none' };
    if (mode === 'down') return { kind: 'down' };
    if (mode === 'slow') return { kind: 'slow', delayMs };
    const index = this.callsInMode++;
    const hit = Math.floor((index + 1) * failRatio) > Math.floor(index * failRatio);
    if (!hit) return { kind: 'none' };
    if (mode === 'fail') return { kind: 'fail' };
    if (mode === 'rate-limit') return { kind: 'rate-limit', retryAfterSeconds };
    return { kind: 'garbage' };
  }
}
