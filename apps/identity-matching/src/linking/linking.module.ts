import { Module } from '@nestjs/common';
import { CLOCK, timeOrderedClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { PgDirectoryRecords } from '../directory/adapters/pg-directory-records';
import { DIRECTORY_RECORDS } from '../directory/directory-records.port';
import { ACCOUNT_MATCH_STORE } from './account-match-store.port';
import { PgAccountMatchStore } from './adapters/pg-account-match-store.adapter';
import { PgMatchRunStore } from './adapters/pg-match-run-store.adapter';
import { MATCH_CONFIG, matchConfigOf, type MatchingEnvironment } from './matching-environment';
import { MatchRunQueries } from './match-run-queries';
import { MATCH_RUN_STORE } from './match-run-store.port';
import { linkingProblemTypes } from './linking.problem-types';
import { MatchRunsController } from './match-runs.controller';
import { RunMatching } from './run-matching';

registerProblemTypes(linkingProblemTypes);

/** Match runs: link the directories and store links, review cases and their events. */
@Module({
  controllers: [MatchRunsController],
  providers: [
    RunMatching,
    MatchRunQueries,
    { provide: MATCH_RUN_STORE, useClass: PgMatchRunStore },
    { provide: ACCOUNT_MATCH_STORE, useClass: PgAccountMatchStore },
    // The directory module does not export its reader yet; this read-only adapter is stateless, so
    // binding it here too is harmless until that module can be imported instead.
    { provide: DIRECTORY_RECORDS, useClass: PgDirectoryRecords },
    { provide: CLOCK, useValue: timeOrderedClock },
    // Built at start-up, so an inconsistent matching configuration stops the service at once.
    {
      provide: MATCH_CONFIG,
      inject: [SERVICE_CONFIG],
      useFactory: (environment: MatchingEnvironment) => matchConfigOf(environment),
    },
  ],
  exports: [RunMatching, MatchRunQueries, CLOCK],
})
export class LinkingModule {}
