import type { ReportFigures } from './domain/match-report';

export const MATCH_REPORT_SOURCE = Symbol('MatchReportSource');

/** The counts behind the match report, read from the links and review tables. */
export interface MatchReportSource {
  figures(samplesPerBand: number): Promise<ReportFigures>;
}
