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
import { openScratchDataSource } from '@rekey/testing';
import { DataSource } from 'typeorm';
import { DEFAULT_LINKAGE, type MatchConfig } from '../matching';
import { identityMatchingMigrations } from '../migrations';
import { ReportModule } from '../report/report.module';
import { ResultsModule } from '../results/results.module';
import { ReviewModule } from '../review/review.module';
import { LinkingModule } from '../linking/linking.module';
import { MATCH_CONFIG } from '../linking/matching-environment';

export const testMatchConfig: MatchConfig = {
  bands: { high: 0.99, medium: 0.9, low: 0.5 },
  privilegedRoles: ['admin', 'support', 'finance-admin'],
  inactiveAfterDays: 730,
  linkage: { ...DEFAULT_LINKAGE, estimation: { ...DEFAULT_LINKAGE.estimation, randomPairs: 200_000 } },
};

export function openMatchingDatabase(prefix: string) {
  return openScratchDataSource(prefix, [MessagingTables1767225600000, ...identityMatchingMigrations]);
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

/** The linking, review, report and results modules over a scratch database, behind real operator auth. */
export async function startMatchingApi(
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
      LinkingModule,
      ReviewModule,
      ReportModule,
      ResultsModule,
    ],
  })
    .overrideProvider(MATCH_CONFIG)
    .useValue(testMatchConfig)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url };
}

export function tokenFor(subject: string, scopes: OperatorScope[]): Promise<string> {
  return mintOperatorToken({ subject, scopes, ttlSeconds: 300 });
}

export interface OutboxEvent {
  type: string;
  topic: string;
  key: string;
  data: Record<string, unknown>;
}

export async function outboxEvents(dataSource: DataSource): Promise<OutboxEvent[]> {
  const rows: Array<{
    event_type: string;
    topic: string;
    message_key: string;
    data: Record<string, unknown>;
  }> = await dataSource.query(
    `SELECT event_type, topic, message_key, convert_from(payload, 'UTF8')::jsonb AS data FROM outbox_message ORDER BY id`,
  );
  return rows.map((row) => ({
    type: row.event_type,
    topic: row.topic,
    key: row.message_key,
    data: row.data,
  }));
}
