import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@rekey/operator-auth';
import { GRANT_SIGNING_KEY, type LoadedGrantKey } from './grant-signing-key';

/** Enrollment verifies grants with these keys (jose's createRemoteJWKSet caches them). */
@ApiTags('enrollment grant')
@Controller('.well-known')
@Public()
export class JwksController {
  constructor(@Inject(GRANT_SIGNING_KEY) private readonly key: LoadedGrantKey) {}

  @Get('jwks.json')
  @ApiOperation({ summary: 'The public keys enrollment grants are signed with' })
  jwks(@Res() response: ServerResponse): void {
    const body = JSON.stringify({ keys: [this.key.publicJwk] });
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/jwk-set+json');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(body);
  }
}
