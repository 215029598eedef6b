import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldError } from './problem-document';

export const REQUEST_INVALID_CODE = 'request.invalid';

/** A request that failed its schema; the filter answers 400 with one entry per invalid field. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ code: REQUEST_INVALID_CODE, detail: 'The request has invalid fields.', errors });
  }
}

/**
 * Parses a request body (or query, or params) with a zod schema, or throws a 400 naming each
 * invalid field. Messages are zod's, which describe the expectation and never repeat the input.
 */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestValidationError(result.error.issues.flatMap(fieldErrorsOf));
}

function fieldErrorsOf(issue: z.core.$ZodIssue): FieldError[] {
  const path = issue.path.map((segment) => String(segment));
  // One entry per unexpected key reads better than zod's single "Unrecognized keys" on the parent.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unrecognized field' }));
  }
  return [{ field: path.join('.'), message: issue.message }];
}
