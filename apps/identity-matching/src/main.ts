// Telemetry comes first: instrumentation patches http, express and pg as they are first required.
import { telemetry } from './telemetry';
import { runService } from '@rekey/service-runtime';
import { identityMatchingService } from './identity-matching.definition';

void runService(identityMatchingService, telemetry);
