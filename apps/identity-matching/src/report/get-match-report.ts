import { Inject, Injectable } from '@nestjs/common';
import { buildMatchReport, type MatchReport } from './domain/match-report';
import { MATCH_REPORT_SOURCE, type MatchReportSource } from './match-report-source.port';

const SAMPLES_PER_BAND = 3;

/** The match report: where the accounts stand after the runs and the reviewers' decisions. */
@Injectable()
export class GetMatchReport {
  constructor(@Inject(MATCH_REPORT_SOURCE) private readonly source: MatchReportSource) {}

  async execute(): Promise<MatchReport> {
    return buildMatchReport(await this.source.figures(SAMPLES_PER_BAND), SAMPLES_PER_BAND);
  }
}
