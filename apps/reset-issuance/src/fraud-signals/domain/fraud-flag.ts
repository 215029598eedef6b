import type { FraudSignalRaisedV1 } from '@rekey/contracts';

/**
 * A legacy account fraud monitoring found risky: its next redemption asks for a step-up (reason
 * `fraud_flag`) whatever its segment. One flag per signal, so a signal delivered twice, or
 * published again under another event id, leaves one flag.
 */
export interface FraudFlag {
  legacyAccountId: string;
  signalId: string;
  /** The signal's kind (`velocity_ip`, `duplicate_registration`...), kept as the flag's reason. */
  reason: FraudSignalRaisedV1['kind'];
  severity: FraudSignalRaisedV1['severity'];
  flaggedAt: Date;
}

/**
 * Which signals flag their account. Medium and high severities do, and so does any signal whose
 * `action` is `step_up` or `hold` (fraud monitoring asking for friction outright). A low signal
 * with no action is a weak pattern fraud monitoring goes on watching: stepping up on it would put
 * friction on ordinary customers. A signal about no account (an address, subnet or device in its
 * `scope`) flags nothing here; the accounts in `relatedLegacyAccountIds` are context, and are
 * flagged only by signals of their own.
 */
export function fraudFlagFromSignal(signal: FraudSignalRaisedV1, raisedAt: Date): FraudFlag | undefined {
  if (signal.legacyAccountId === undefined) return undefined;
  const asksForFriction = signal.action === 'step_up' || signal.action === 'hold';
  if (signal.severity === 'low' && !asksForFriction) return undefined;
  return {
    legacyAccountId: signal.legacyAccountId,
    signalId: signal.signalId,
    reason: signal.kind,
    severity: signal.severity,
    flaggedAt: raisedAt,
  };
}
