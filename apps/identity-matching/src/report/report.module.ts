import { Module } from '@nestjs/common';
import { PgMatchReportSource } from './adapters/pg-match-report-source.adapter';
import { GetMatchReport } from './get-match-report';
import { MATCH_REPORT_SOURCE } from './match-report-source.port';
import { MatchReportController } from './match-report.controller';

/** The match report for the migration team. */
@Module({
  controllers: [MatchReportController],
  providers: [GetMatchReport, { provide: MATCH_REPORT_SOURCE, useClass: PgMatchReportSource }],
  exports: [GetMatchReport],
})
export class ReportModule {}
