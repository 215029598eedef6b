export { createServiceDataSource, openServiceDatabase, type ServiceDataSourceOptions } from './data-source';
export { redactDatabaseUrl } from './redact-database-url';
export { queryPrepared } from './prepared-query';
export { arrayParameter, unnestRows, type UnnestColumn, type UnnestRows } from './unnest-rows';
