// Telemetry comes first: instrumentation patches http, express and pg as they are first required.
import { telemetry } from './telemetry';
import { runService } from '@rekey/service-runtime';
import { fraudMonitoringService } from './fraud-monitoring.definition';

void runService(fraudMonitoringService, telemetry);
