export const REQUIRED_SCOPES = 'rekey:operator-auth:required-scopes';
export const CUSTOMER_FACING = 'rekey:operator-auth:customer-facing';
export const PUBLIC_ROUTE = 'rekey:operator-auth:public';
