import { fieldsWithControlCharacters, refuseControlCharacters } from './text-input';
import { RequestValidationError } from './request-validation';

describe('fieldsWithControlCharacters', () => {
  it('names each field whose text holds NUL or another control character', () => {
    const body = {
      legacyAccountId: 'L-1\u0000',
      reason: 'suspected\u001b[31m takeover',
      contacts: [{ email: 'ok@example.com' }, { email: 'a\u007f@example.com' }],
      note: 'fine',
    };

    expect(fieldsWithControlCharacters(body)).toEqual(['legacyAccountId', 'reason', 'contacts.1.email']);
  });

  it('lets free text keep tabs and line feeds, and nothing else of the kind', () => {
    expect(fieldsWithControlCharacters({ reason: 'line one\n\tline two' })).toEqual([]);
    expect(fieldsWithControlCharacters({ reason: 'line one\r\nline two' })).toEqual(['reason']);
    expect(fieldsWithControlCharacters({ reason: 'C1 \u0085 next line' })).toEqual(['reason']);
  });

  it('leaves printable text in any script alone', () => {
    expect(fieldsWithControlCharacters({ name: 'Zoë Ørsted 山田 🙂', id: 'L-1001' })).toEqual([]);
  });

  it('refuses a control character in a key too, naming the object that holds it', () => {
    expect(fieldsWithControlCharacters({ cohort: { 'seg\u0000ment': ['standard'] } })).toEqual(['cohort']);
  });

  it('reads a bare value, as a route parameter is', () => {
    expect(fieldsWithControlCharacters('L-1\u0000', 'legacyAccountId')).toEqual(['legacyAccountId']);
  });

  it('walks a deeply nested body without exhausting the stack', () => {
    let nested: unknown = 'bottom\u0000';
    for (let depth = 0; depth < 50_000; depth += 1) nested = [nested];

    expect(fieldsWithControlCharacters(nested)).toHaveLength(1);
  });

  it('does not read buffers or other objects that are not text', () => {
    expect(fieldsWithControlCharacters({ file: Buffer.from([0, 1, 2]) })).toEqual([]);
  });
});

describe('refuseControlCharacters', () => {
  it('throws the request.invalid answer naming every offending field once', () => {
    let refusal: unknown;
    try {
      refuseControlCharacters([{ reason: 'a\u0000' }, { after: '1\u0000' }, { legacyAccountId: 'L\u0000' }]);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).errors.map((error) => error.field)).toEqual([
      'reason',
      'after',
      'legacyAccountId',
    ]);
  });

  it('accepts a request without any', () => {
    expect(() => refuseControlCharacters([{ reason: 'ok' }, {}, undefined])).not.toThrow();
  });
});
