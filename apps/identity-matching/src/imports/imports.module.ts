import type { Server } from 'node:http';
import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { PgDirectoryImportStore } from './adapters/pg-directory-import-store.adapter';
import { DIRECTORY_IMPORT_STORE } from './directory-import-store.port';
import { ImportDirectory } from './import-directory';
import { ImportQueries } from './import-queries';
import { importSettingsOf, type ImportEnvironment } from './import-environment';
import { IMPORT_SETTINGS, type ImportSettings } from './import-settings';
import { ImportsController } from './imports.controller';
import { directoryImportProblemTypes } from './imports.problem-types';

registerProblemTypes(directoryImportProblemTypes);

@Module({
  controllers: [ImportsController],
  providers: [
    ImportDirectory,
    ImportQueries,
    { provide: DIRECTORY_IMPORT_STORE, useClass: PgDirectoryImportStore },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: IMPORT_SETTINGS,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ImportEnvironment) => importSettingsOf(config),
    },
  ],
})
export class ImportsModule implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
  ) {}

  /**
   * Node ends any request still running after requestTimeout (5 minutes by default); an upload is
   * read at the database's pace, so a large file needs longer. This applies to the whole server:
   * headersTimeout still bounds clients that never finish their headers.
   */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server && server.requestTimeout > 0 && server.requestTimeout < this.settings.uploadTimeoutMs) {
      server.requestTimeout = this.settings.uploadTimeoutMs;
    }
  }
}
