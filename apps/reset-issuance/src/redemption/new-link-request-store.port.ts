export const NEW_LINK_REQUEST_STORE = Symbol('NewLinkRequestStore');

/** reissue_request, which link issuance's scheduler reads and resolves. */
export interface NewLinkRequestStore {
  add(contactHash: Buffer, requestedAt: Date): Promise<void>;
}
