import { FraudHoldPlacedV1 } from './hold-placed.v1';
import { FraudHoldReleasedV1 } from './hold-released.v1';
import { FraudSignalRaisedV1 } from './signal-raised.v1';

export * from './hold-placed.v1';
export * from './hold-released.v1';
export * from './signal-raised.v1';

export const fraudEvents = [FraudSignalRaisedV1, FraudHoldPlacedV1, FraudHoldReleasedV1] as const;
