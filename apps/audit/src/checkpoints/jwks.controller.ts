import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@rekey/operator-auth';
import { CHECKPOINT_SIGNING_KEY, type CheckpointSigningKey } from './signing-key';

/** Anyone may check a checkpoint's signature: the key it was signed with is public. */
@ApiTags('checkpoints')
@Controller('.well-known')
@Public()
export class JwksController {
  constructor(@Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey) {}

  @Get('jwks.json')
  @ApiOperation({ summary: 'The public keys audit checkpoints are signed with' })
  jwks(@Res() response: ServerResponse): void {
    const body = JSON.stringify({ keys: [this.key.publicJwk] });
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/jwk-set+json');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(body);
  }
}
