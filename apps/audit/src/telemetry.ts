import { startTelemetry } from '@rekey/observability';

export const telemetry = startTelemetry({ serviceName: 'audit' });
