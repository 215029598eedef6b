import { deliveryFailureFields } from './delivery-failure';

describe('deliveryFailureFields', () => {
  it("keeps a transport error's name and codes, never its message or recipient", () => {
    const error = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <ana@example.com>"),
      { code: 'EENVELOPE', responseCode: 550, rejected: ['ana@example.com'] },
    );
    const fields = deliveryFailureFields(error);
    expect(fields).toEqual({ errorName: 'Error', errorCode: 'EENVELOPE', responseCode: 550 });
    expect(JSON.stringify(fields)).not.toContain('ana@example.com');
  });

  it('describes a thrown non-error without failing', () => {
    expect(deliveryFailureFields(undefined)).toEqual({
      errorName: undefined,
      errorCode: undefined,
      responseCode: undefined,
    });
  });
});
