import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MessagingTables1767225600000 } from '@rekey/messaging';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  ensureDevelopmentKeys,
  mintOperatorToken,
  OperatorAuthModule,
  type OperatorScope,
} from '@rekey/operator-auth';
import { ProblemDetailsFilter } from '@rekey/problem-details';
import { DataSource } from 'typeorm';
import { Directories1767398400000 } from '../../migrations/1767398400000-directories';
import { ImportWarningsAndAttributes1768262400000 } from '../../migrations/1768262400000-import-warnings-and-attributes';
import { DIRECTORY_COLUMNS } from '../domain/directory-columns';
import { IMPORT_SETTINGS, type ImportSettings } from '../import-settings';
import { ImportsModule } from '../imports.module';

/** What a scratch database needs for imports: the outbox, then identity-matching's directory tables. */
export const importMigrations = [
  MessagingTables1767225600000,
  Directories1767398400000,
  ImportWarningsAndAttributes1768262400000,
];

/** Small batches, so a handful of lines already spans several statements. */
export const testImportSettings: ImportSettings = {
  batchSize: 3,
  storedRejectionLimit: 10_000,
  reportedRejectionLimit: 100,
  storedWarningLimit: 10_000,
  reportedWarningLimit: 100,
  uploadTimeoutMs: 1_800_000,
  defaultPhoneRegion: 'GB',
  extraAttributes: [],
};

export async function* bytesOf(...chunks: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

export const CSV_HEADER = DIRECTORY_COLUMNS.join(',');

/** A CSV line with the given values by column, the others empty. */
export function csvLine(values: Partial<Record<(typeof DIRECTORY_COLUMNS)[number], string>>): string {
  return DIRECTORY_COLUMNS.map((column) => values[column] ?? '').join(',');
}

export function csvFile(...lines: string[]): string {
  return `${CSV_HEADER}\r\n${lines.map((line) => `${line}\r\n`).join('')}`;
}

export interface OutboxEvent {
  type: string;
  key: string;
  data: Record<string, unknown>;
}

export async function outboxEvents(dataSource: DataSource): Promise<OutboxEvent[]> {
  const rows: Array<{ event_type: string; message_key: string; data: Record<string, unknown> }> =
    await dataSource.query(
      `SELECT event_type, message_key, convert_from(payload, 'UTF8')::jsonb AS data FROM outbox_message ORDER BY id`,
    );
  return rows.map((row) => ({ type: row.event_type, key: row.message_key, data: row.data }));
}

@Global()
@Module({})
class DatabaseModule {
  static register(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    };
  }
}

/** The imports module over a scratch database, behind real operator auth and Nest's default body parsers. */
export async function startImportsApi(
  dataSource: DataSource,
): Promise<{ app: INestApplication; url: string }> {
  const keys = await ensureDevelopmentKeys();
  const moduleRef = await Test.createTestingModule({
    imports: [
      DatabaseModule.register(dataSource),
      OperatorAuthModule.forRoot({
        jwksPath: keys.jwksPath,
        issuer: DEVELOPMENT_ISSUER,
        audience: DEVELOPMENT_AUDIENCE,
      }),
      ImportsModule,
    ],
  })
    .overrideProvider(IMPORT_SETTINGS)
    .useValue(testImportSettings)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export function tokenFor(scopes: OperatorScope[]): Promise<string> {
  return mintOperatorToken({ subject: 'identity-team@rekey.example', scopes, ttlSeconds: 300 });
}
