/** What the demo's customers came to: counted as their runs end, printed as tables at the end. */
import { table } from '../operator-api/tables';
import type { CustomerOutcome } from './customer-behaviours';

export class EnrolmentTally {
  readonly enrolled = new Map<string, number>();
  readonly redeemedNotEnrolled = new Map<string, number>();
  readonly notRedeemed = new Map<string, number>();
  neverClicked = 0;
  /** The message of a customer who never clicked: its link is still there to try by hand. */
  unusedLinkFile: string | undefined;
  /** Enrolled customers who first typed the step-up code sent to their other channel. */
  steppedUp = 0;
  /** Customers whose run broke on something the services did not answer (a timeout, a reset). */
  readonly broken = new Map<string, number>();

  add(outcome: CustomerOutcome): void {
    switch (outcome.kind) {
      case 'enrolled':
        if (outcome.steppedUp) this.steppedUp += 1;
        return bump(this.enrolled, `${outcome.method} | ${outcome.assurance}`);
      case 'redeemed_not_enrolled':
        return bump(this.redeemedNotEnrolled, outcome.reason);
      case 'not_redeemed':
        return bump(this.notRedeemed, outcome.reason);
      case 'never_clicked':
        this.neverClicked += 1;
    }
  }

  addBroken(error: unknown): void {
    bump(this.broken, (error as Error).message ?? String(error));
  }

  get total(): number {
    return (
      sum(this.enrolled) +
      sum(this.redeemedNotEnrolled) +
      sum(this.notRedeemed) +
      this.neverClicked +
      sum(this.broken)
    );
  }

  get enrolledCount(): number {
    return sum(this.enrolled);
  }

  text(): string {
    const rows = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]);
    const enrolled = rows(this.enrolled).map(([key, count]) => [...key.split(' | '), count]);
    const others: Array<Array<string | number>> = [
      ['redeemed, not enrolled', sum(this.redeemedNotEnrolled)],
      ...rows(this.redeemedNotEnrolled).map(([reason, count]) => [`  ${reason}`, count]),
      ['never clicked', this.neverClicked],
      ...(this.notRedeemed.size > 0
        ? [
            ['link not redeemed', sum(this.notRedeemed)],
            ...rows(this.notRedeemed).map(([r, c]) => [`  ${r}`, c]),
          ]
        : []),
      ...(this.broken.size > 0
        ? [['run broke off', sum(this.broken)], ...rows(this.broken).map(([r, c]) => [`  ${r}`, c])]
        : []),
    ];
    return [
      table(
        ['enrolled by method', 'assurance level', 'customers'],
        enrolled.length > 0 ? enrolled : [['none', '-', 0]],
      ),
      ...(this.steppedUp > 0
        ? [`(${this.steppedUp} of them passed step-up first, with the code sent to their other channel)`]
        : []),
      '',
      table(['not enrolled', 'customers'], others),
    ].join('\n');
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
