import { RekeyError } from '@rekey/problem-details';

export class InvalidMatchConfig extends RekeyError {
  constructor(reason: string) {
    super('matching.invalid-config', `invalid matching configuration: ${reason}`, {
      detail: `The matching configuration is invalid: ${reason}.`,
    });
  }
}
