import { describePasswordHasherContract } from './password-hasher.contract';
import { FakePasswordHasher } from './password-hasher.fake';

describePasswordHasherContract('FakePasswordHasher', () => ({
  hasher: new FakePasswordHasher(),
  withOtherParameters: new FakePasswordHasher({ rounds: 2, saltSeed: 1_000 }),
}));

describe('FakePasswordHasher', () => {
  it('is deterministic: two fakes made alike give the same hashes in the same order', async () => {
    const first = new FakePasswordHasher();
    const second = new FakePasswordHasher();

    const hashes = [await first.hash('one long passphrase'), await first.hash('another long passphrase')];

    expect([await second.hash('one long passphrase'), await second.hash('another long passphrase')]).toEqual(
      hashes,
    );
  });
});
