// Hand-written in-memory fakes of reset-issuance's ports, for unit specs only (eslint keeps
// production code from importing this folder). Each fake passes its port's contract suite, which
// the PostgreSQL adapter passes too (src/integration/*.contract.integration.spec.ts).
export { FakeHoldStore } from './hold-store.fake';
export { FakeIssuanceStore, type FakeIssuingWave, type FakeStoredToken } from './issuance-store.fake';
export { FakeWaveStore, type FakeJourney, type FakeNotice } from './wave-store.fake';
export { FakeNoticeStore, type FakeNoticeJourney, type FakeStoredNotice } from './notice-store.fake';
export { FakeRedemptionStore, type FakeToken } from './redemption-store.fake';
export { FakeJourneyStore } from './journey-store.fake';
export { FakeNewLinkRequestStore, type FakeNewLinkRequest } from './new-link-request-store.fake';
export { FakeEligibleAccountStore } from './eligible-account-store.fake';
export { FakeStepUpStore } from './step-up-store.fake';
export { testTokenSealer } from './token-sealer';
export { FakeRateLimitCounter } from '@rekey/rate-limits/testing';
