import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgMatchResultSource } from './adapters/pg-match-result-source.adapter';
import { ListMatchResults } from './list-match-results';
import { MATCH_RESULT_SOURCE } from './match-result-source.port';
import { MatchResultsController } from './match-results.controller';
import { resultsProblemTypes } from './results.problem-types';

registerProblemTypes(resultsProblemTypes);

/** Every legacy account's stored match result, paged for operators and exports. */
@Module({
  controllers: [MatchResultsController],
  providers: [ListMatchResults, { provide: MATCH_RESULT_SOURCE, useClass: PgMatchResultSource }],
})
export class ResultsModule {}
