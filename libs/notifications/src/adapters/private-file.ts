import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes files only the service's own user may read (messages carry links and codes), each under
 * a temporary name then renamed, so a reader never sees half a message.
 */
export class PrivateFolder {
  private ready: Promise<unknown> | undefined;

  constructor(readonly directory: string) {}

  async write(name: string, content: Buffer | string): Promise<void> {
    this.ready ??= mkdir(this.directory, { recursive: true });
    await this.ready;
    const target = path.join(this.directory, name);
    await writeFile(`${target}.part`, content, { mode: 0o600 });
    await rename(`${target}.part`, target);
  }
}
