import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LEGACY_CIAM_DEV_TOKEN, startLegacyCiamProcess } from './legacy-ciam-process';

describe('startLegacyCiamProcess', () => {
  it('runs the simulator on a free port, seeded from a directory file, until stopped', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'legacy-ciam-process-')), 'legacy.csv');
    writeFileSync(file, 'id,emails\nL-1,a@example.com:verified\nL-2,\n');
    const simulator = await startLegacyCiamProcess({ args: ['--seed-file', file] });
    try {
      const sessions = await fetch(`${simulator.apiUrl}/accounts/L-2/sessions`, {
        headers: { authorization: `Bearer ${LEGACY_CIAM_DEV_TOKEN}` },
      });
      expect(sessions.status).toBe(200);
      expect(await sessions.json()).toMatchObject({ accountId: 'L-2', loginRetired: false });
      const stats = await (await fetch(`${simulator.simulatorUrl}/stats`)).json();
      expect(stats).toMatchObject({ calls: 1 });
    } finally {
      await simulator.stop();
    }
    await expect(fetch(`${simulator.simulatorUrl}/stats`)).rejects.toThrow();
  });

  it('names why the simulator did not start', async () => {
    await expect(startLegacyCiamProcess({ args: ['--basic-user', 'only-a-user'] })).rejects.toThrow(
      /basic-user and --basic-password go together/,
    );
  });
});
