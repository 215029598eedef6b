import { legacySystemContract } from './legacy-system.contract';
import { LegacySystemFake } from './legacy-system.fake';

legacySystemContract('LegacySystemFake', async () => {
  const system = new LegacySystemFake();
  return { system, accounts: system.accounts };
});
