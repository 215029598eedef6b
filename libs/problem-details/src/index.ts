export { RekeyError, type RekeyErrorOptions } from './rekey-error';
export {
  PROBLEM_TYPE_BASE_URI,
  problemTypeOf,
  problemTypeUri,
  registerProblemTypes,
  type ProblemType,
} from './problem-types';
export { PROBLEM_CONTENT_TYPE, type FieldError, type ProblemDocument } from './problem-document';
export { ProblemDetailsFilter, type ProblemDetailsFilterOptions } from './problem-details.filter';
export { parseBody, REQUEST_INVALID_CODE, RequestValidationError } from './request-validation';
export { currentTraceId } from './current-trace-id';
export { fieldsWithControlCharacters, refuseControlCharacters } from './text-input';
