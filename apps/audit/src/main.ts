// Telemetry comes first: instrumentation patches http, express and pg as they are first required.
import { telemetry } from './telemetry';
import { runService } from '@rekey/service-runtime';
import { auditService } from './audit.definition';

void runService(auditService, telemetry);
