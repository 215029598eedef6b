import { describeRecoveryCodeStoreContract } from './recovery-code-store.contract';
import { FakeRecoveryCodeStore } from './recovery-code-store.fake';

describeRecoveryCodeStoreContract('FakeRecoveryCodeStore', async () => new FakeRecoveryCodeStore());
