import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';

/** The browser half of WebAuthn, served from here: the pages load no third-party asset. */
export const WEBAUTHN_SCRIPT_PATH = '/enroll/assets/simplewebauthn-browser.js';

function browserBundle(): Buffer {
  // The package exports only its module entries; its UMD bundle sits beside them.
  const entry = require.resolve('@simplewebauthn/browser');
  const root = entry.slice(0, entry.lastIndexOf(`${path.sep}script${path.sep}`));
  return readFileSync(path.join(root, 'dist', 'bundle', 'index.umd.min.js'));
}

@ApiExcludeController()
@Controller('enroll/assets')
@CustomerFacing()
export class AssetsController {
  private readonly bundle = browserBundle();
  private readonly etag = `"${createHash('sha256').update(this.bundle).digest('base64url').slice(0, 27)}"`;

  @Get('simplewebauthn-browser.js')
  webAuthnBrowser(@Res() response: ServerResponse): void {
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.setHeader('ETag', this.etag);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Content-Length', this.bundle.length);
    response.end(this.bundle);
  }
}
