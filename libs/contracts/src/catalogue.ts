import { auditEvents } from './audit/index';
import type { EventDefinition } from './define-event';
import { enrollmentEvents } from './enrollment/index';
import { fraudEvents } from './fraud/index';
import { identityEvents } from './identity/index';
import { migrationEvents } from './migration/index';
import { EventRegistry } from './registry';
import { resetEvents } from './reset/index';
import { sessionEvents } from './session/index';

/** Every event of the journey, in journey order. */
export const allEventDefinitions: readonly EventDefinition[] = [
  ...identityEvents,
  ...resetEvents,
  ...enrollmentEvents,
  ...sessionEvents,
  ...fraudEvents,
  ...auditEvents,
  ...migrationEvents,
];

/** The registry consumers decode with. */
export const eventRegistry = new EventRegistry(allEventDefinitions);
