import { operatorCall } from './operator-call';

/** A revocation as session-revocation's operator API answers it (scope revocations:read). */
export interface RevocationView {
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  state: 'awaiting_link' | 'pending' | 'done' | 'failed';
  attempts: number;
  lastErrorCode?: string;
  stalled?: boolean;
}

/** Every stalled revocation (pending too long, or refused for good) of one wave, page by page. */
export async function stalledRevocationsOf(
  sessionRevocationUrl: string,
  token: string,
  waveId: string,
): Promise<RevocationView[]> {
  const found: RevocationView[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ state: 'stalled', limit: '200', ...(after ? { after } : {}) });
    const page = await operatorCall<{ items: RevocationView[]; next?: string | null }>(
      'GET',
      `${sessionRevocationUrl}/operator/revocations?${query.toString()}`,
      token,
    );
    found.push(...page.items.filter((item) => item.waveId === waveId));
    if (!page.next) return found;
    after = page.next;
  }
}
