/** What other modules of reset-issuance use: redemption's "send me a new link" endpoint. */
export { requestReissue, type ReissueRequest } from './request-reissue';
