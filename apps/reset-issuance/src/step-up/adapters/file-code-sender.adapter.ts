import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../../customer-web/customer-journey.environment';
import type { CodeSender } from '../code-sender.port';

/** Development delivery: one .txt per code under NOTIFY_FILE_DIR, named after its challenge. */
@Injectable()
export class FileCodeSender implements CodeSender {
  private readonly directory: string;

  constructor(@Inject(SERVICE_CONFIG) config: CustomerJourneyConfig) {
    this.directory = path.resolve(config.NOTIFY_FILE_DIR);
  }

  async send(message: Parameters<CodeSender['send']>[0]): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const text = [
      `To: ${message.to.value}`,
      `Channel: ${message.to.kind}`,
      'Subject: Your verification code',
      '',
      `Your verification code is ${message.code}.`,
      `It expires at ${message.expiresAt.toISOString()}. Nobody from us will ever ask you for it.`,
      '',
    ].join('\n');
    await writeFile(path.join(this.directory, `step-up-${message.challengeId}.txt`), text, { mode: 0o600 });
  }
}
