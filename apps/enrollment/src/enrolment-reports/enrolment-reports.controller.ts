import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import {
  EnrolmentNotFound,
  type AccountEnrolmentReport,
  type WaveEnrolmentTally,
} from './domain/enrolment-report';
import { ENROLMENT_REPORTS, type EnrolmentReports } from './enrolment-reports.port';

/** What operators and support see of enrolments: methods and levels, never secrets. */
@ApiTags('enrolments')
@ApiBearerAuth('operator')
@Controller('operator')
@RequireScopes('enrolments:read')
export class EnrolmentReportsController {
  constructor(@Inject(ENROLMENT_REPORTS) private readonly reports: EnrolmentReports) {}

  @Get('accounts/:legacyAccountId/enrolment')
  @ApiOperation({
    summary: "An account's enrolment: status, methods, assurance level and passkeys (no credential material)",
  })
  async account(@Param('legacyAccountId') legacyAccountId: string): Promise<AccountEnrolmentReport> {
    const report = await this.reports.ofAccount(legacyAccountId);
    if (!report) throw new EnrolmentNotFound(legacyAccountId);
    return report;
  }

  @Get('waves/:waveId/enrolments')
  @ApiOperation({
    summary: "A wave's enrolments: started, enrolled, and accounts by methods and assurance level",
  })
  wave(@Param('waveId', new ParseUUIDPipe()) waveId: string): Promise<WaveEnrolmentTally> {
    return this.reports.ofWave(waveId);
  }
}
