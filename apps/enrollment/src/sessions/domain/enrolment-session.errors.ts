import { RekeyError } from '@rekey/problem-details';

export class NoEnrolmentSession extends RekeyError {
  constructor() {
    super('enrolment-session.missing', 'no live enrolment session on the request', {
      detail: 'Your set-up session has ended. Open the link in your reset message again.',
    });
  }
}

export class CrossOriginRequest extends RekeyError {
  constructor() {
    super('request.cross-origin', 'an enrolment POST did not come from the enrolment pages', {
      detail: 'This request must come from the set-up page itself.',
    });
  }
}

export class CsrfTokenMismatch extends RekeyError {
  constructor() {
    super('request.csrf-token', 'an enrolment POST carried no CSRF token of its session', {
      detail: 'This request must come from the set-up page itself. Reload the page and try again.',
    });
  }
}

export const enrolmentSessionProblemTypes = {
  'enrolment-session.missing': { status: 401, title: 'Enrolment session ended' },
  'request.cross-origin': { status: 403, title: 'Cross-origin request refused' },
  'request.csrf-token': { status: 403, title: 'CSRF token missing or wrong' },
};
