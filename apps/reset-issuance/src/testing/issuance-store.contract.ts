import type { IssuanceStoreUnderTest } from './issuance-store.harness';
import { issuingCases } from './issuance-store.issuing-cases';
import { upkeepCases } from './issuance-store.upkeep-cases';

export type { IssuanceStoreUnderTest, TokenOnFile, WaveToLaunch } from './issuance-store.harness';

/**
 * What every IssuanceStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. `setUp` gives an empty store for each case.
 */
export function describeIssuanceStoreContract(
  name: string,
  setUp: () => Promise<IssuanceStoreUnderTest>,
): void {
  describe(`${name} honours the IssuanceStore contract`, () => {
    let subject: IssuanceStoreUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    issuingCases(() => subject);
    upkeepCases(() => subject);
  });
}
