import {
  createEvent,
  maskContact,
  ResetNoticeSentV1,
  type RekeyEvent,
  type VerifiedContact,
} from '@rekey/contracts';
import type { NoticeKind, NoticeStore } from '../issuance/notice-store.port';

export interface NoticeJourney {
  journeyId: string;
  waveId: string;
  legacyAccountId: string;
}

/** A notice store to test, empty, and what the port cannot do itself: seed and read back. */
export interface NoticeStoreUnderTest {
  store: NoticeStore;
  /** A launched wave's journey (status `awaiting_issue`) on an account of its own with `contacts`. */
  addJourney(wave: { startsAt: Date; cutoffAt: Date }, contacts: VerifiedContact[]): Promise<NoticeJourney>;
  /** A pending notice of the journey; returns its id. */
  addNotice(journey: NoticeJourney, kind: NoticeKind, dueAt: Date): Promise<string>;
  placeHold(legacyAccountId: string): Promise<void>;
  noticeStatus(noticeId: string): Promise<string | undefined>;
  storedEventIds(): Promise<string[]>;
}

const base = new Date(Date.UTC(2026, 11, 18, 9, 0));
const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
const wave = { startsAt: at(3600), cutoffAt: at(7 * 24 * 3600) };
const email: VerifiedContact = { kind: 'email', value: 'jane@example.com' };

function sentEvent(journey: NoticeJourney, noticeId: string): RekeyEvent {
  return createEvent(
    ResetNoticeSentV1,
    { ...journey, noticeId, kind: 'advance_notice', channel: maskContact(email.kind, email.value) },
    { source: 'reset-issuance', subject: journey.legacyAccountId, journeyId: journey.journeyId },
  );
}

/**
 * What every NoticeStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. `setUp` gives an empty store for each case.
 */
export function describeNoticeStoreContract(name: string, setUp: () => Promise<NoticeStoreUnderTest>): void {
  describe(`${name} honours the NoticeStore contract`, () => {
    let subject: NoticeStoreUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    it('claims due notices earliest first, up to the limit, with their journey, wave and contacts', async () => {
      const journey = await subject.addJourney(wave, [email]);
      const other = await subject.addJourney(wave, [email]);
      const later = await subject.addNotice(journey, 'advance_notice', at(20));
      const earlier = await subject.addNotice(other, 'advance_notice', at(10));
      await subject.addNotice(journey, 'reminder', at(3600));

      const claimed = await subject.store.claimDue(at(30), 1, at(150));

      expect(claimed).toEqual([
        {
          id: earlier,
          kind: 'advance_notice',
          ...other,
          journeyStatus: 'awaiting_issue',
          startsAt: wave.startsAt,
          cutoffAt: wave.cutoffAt,
          contacts: [email],
          cause: null,
        },
      ]);
      expect((await subject.store.claimDue(at(30), 10, at(150))).map((notice) => notice.id)).toEqual([later]);
    });

    it('claims a notice once per lease, and again once the lease has run out', async () => {
      const journey = await subject.addJourney(wave, [email]);
      const notice = await subject.addNotice(journey, 'advance_notice', at(0));

      await subject.store.claimDue(at(10), 10, at(130));

      expect(await subject.store.claimDue(at(129), 10, at(250))).toEqual([]);
      expect((await subject.store.claimDue(at(131), 10, at(250))).map((due) => due.id)).toEqual([notice]);
    });

    it('leaves out notices of held accounts', async () => {
      const journey = await subject.addJourney(wave, [email]);
      await subject.addNotice(journey, 'advance_notice', at(0));
      await subject.placeHold(journey.legacyAccountId);

      expect(await subject.store.claimDue(at(10), 10, at(130))).toEqual([]);
    });

    it('marks a notice sent once, storing its event only the first time', async () => {
      const journey = await subject.addJourney(wave, [email]);
      const notice = await subject.addNotice(journey, 'advance_notice', at(0));
      await subject.store.claimDue(at(10), 10, at(130));
      const first = sentEvent(journey, notice);
      const again = sentEvent(journey, notice);

      await subject.store.markSent([{ id: notice, channel: email }], at(11), [first]);
      await subject.store.markSent([{ id: notice, channel: email }], at(200), [again]);
      await subject.store.markSent([], at(201), []);

      expect(await subject.noticeStatus(notice)).toBe('sent');
      expect(await subject.storedEventIds()).toEqual([first.id]);
      expect(await subject.store.claimDue(at(400), 10, at(500))).toEqual([]);
    });

    it('marks skipped notices, which are never claimed or sent afterwards', async () => {
      const journey = await subject.addJourney(wave, [email]);
      const notice = await subject.addNotice(journey, 'advance_notice', at(0));

      await subject.store.markSkipped([notice]);
      await subject.store.markSkipped([]);
      await subject.store.markSent([{ id: notice, channel: email }], at(11), [sentEvent(journey, notice)]);

      expect(await subject.noticeStatus(notice)).toBe('skipped');
      expect(await subject.store.claimDue(at(400), 10, at(500))).toEqual([]);
      expect(await subject.storedEventIds()).toEqual([]);
    });
  });
}
