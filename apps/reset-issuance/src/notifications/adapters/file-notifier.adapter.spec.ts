import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileNotifier } from './file-notifier.adapter';

describe('FileNotifier', () => {
  it('writes emails and SMS readable by the service user only', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'rekey-file-notifier-'));
    const notifier = new FileNotifier(directory, 'reset@example.com');
    await notifier.send({
      channel: { kind: 'email', value: 'jane@example.com' },
      subject: 'Your link',
      text: 'secret link',
      html: '<p>secret link</p>',
    });
    await notifier.send({ channel: { kind: 'sms', value: '+33612345678' }, subject: '', text: 'secret' });
    const files = await readdir(directory);
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect((await stat(path.join(directory, file))).mode & 0o777).toBe(0o600);
    }
  });
});
