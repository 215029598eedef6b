import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import type { MatchReport } from './domain/match-report';
import { GetMatchReport } from './get-match-report';

@ApiTags('matching')
@ApiBearerAuth('operator')
@Controller('operator/match-report')
@RequireScopes('review:read')
export class MatchReportController {
  constructor(private readonly getMatchReport: GetMatchReport) {}

  @Get()
  @ApiOperation({ summary: 'Counts by outcome, band, segment and review reason, the queue, samples' })
  report(): Promise<MatchReport> {
    return this.getMatchReport.execute();
  }
}
