import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { EligibilityQueries, type EligibilitySummary } from './eligibility-queries';

@ApiTags('waves')
@ApiBearerAuth('operator')
@Controller('operator/eligible-accounts')
export class EligibilityController {
  constructor(private readonly queries: EligibilityQueries) {}

  @Get('summary')
  @RequireScopes('waves:read')
  @ApiOperation({ summary: 'How many linked accounts are ready for a wave, by primary segment' })
  summary(): Promise<EligibilitySummary> {
    return this.queries.summary();
  }
}
