import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';

/**
 * A request body the route cannot read: malformed (400), too large (413), or of a media type or
 * character set it does not take (415). Thrown once the request is routed, so the route's own
 * exception filters see it: customer routes answer it with a page, the application's
 * problem-details filter answers everything else as before (the parser's error is the cause,
 * so its message, which may quote the body, is never echoed).
 */
export class UnreadableRequestBody extends HttpException {
  constructor(status: 400 | 413 | 415, options: { cause?: unknown; detail?: string } = {}) {
    super(options.detail ?? STATUS_CODES[status] ?? 'Bad Request', status, { cause: options.cause });
    this.name = 'UnreadableRequestBody';
  }
}
