import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import type { VerificationReport } from './domain/chain-walk';
import { VerifyChain } from './verify-chain';

@ApiTags('verification')
@ApiBearerAuth('operator')
@Controller('operator/audit')
@RequireScopes('audit:read')
export class VerificationController {
  constructor(private readonly verifyChain: VerifyChain) {}

  @Get('verification')
  @ApiOperation({
    summary:
      'Walks the whole chain and checks every checkpoint: the first altered, missing or reordered record, a bad signature, and the unsealed tail',
  })
  verification(): Promise<VerificationReport> {
    return this.verifyChain.execute();
  }
}
