import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let time = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 10_000 }, () => time);

  beforeEach(() => {
    time = 1_000_000;
  });

  it('stays closed below the threshold, and a success resets the count', () => {
    const circuit = breaker();
    circuit.recordFailure();
    circuit.recordFailure();
    circuit.recordSuccess();
    circuit.recordFailure();
    circuit.recordFailure();
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.state).toEqual({ kind: 'closed', failures: 2 });
  });

  it('opens after N consecutive failures and lets nothing through for T', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    expect(circuit.tryAcquire()).toBe(false);
    time += 9_999;
    expect(circuit.tryAcquire()).toBe(false);
    expect(circuit.msUntilAllowed()).toBe(1);
  });

  it('lets exactly one trial through once T has passed; its success closes the circuit', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    time += 10_000;
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.tryAcquire()).toBe(false);
    circuit.recordSuccess();
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.tryAcquire()).toBe(true);
  });

  it('opens again for T when the trial fails', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    time += 10_000;
    expect(circuit.tryAcquire()).toBe(true);
    circuit.recordFailure();
    expect(circuit.state).toEqual({ kind: 'open', until: time + 10_000 });
    expect(circuit.tryAcquire()).toBe(false);
  });

  it('closes after a trial that ended with a permanent answer: the system did answer', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    time += 10_000;
    circuit.tryAcquire();
    circuit.recordNeutral();
    expect(circuit.tryAcquire()).toBe(true);
  });
});
