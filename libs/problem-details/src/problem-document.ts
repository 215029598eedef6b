export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid field of a request: a dotted path (`contacts.0.email`, '' for the whole value). */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document, with Rekey's `code`, `traceId` and validation `errors`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  traceId?: string;
  errors?: FieldError[];
}
