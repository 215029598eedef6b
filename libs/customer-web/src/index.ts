export {
  escapeHtml,
  layout,
  newScriptNonce,
  PAGE_STYLE,
  sendCustomerPage,
  sendCustomerRedirect,
  type CustomerPage,
  type CustomerPageOptions,
  type PageScripts,
} from './customer-page';
export { clientAddressOf } from './client-address';
export { normaliseIpAddress, subnetOf } from './client-network';
export { isSameOriginRequest } from './same-origin';
export {
  cookieValueOf,
  newSessionToken,
  sessionCookie,
  sessionTokenHash,
  type SessionCookieOptions,
} from './session-cookie';
