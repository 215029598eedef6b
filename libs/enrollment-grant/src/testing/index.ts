export { aJourney, GrantIssuer } from './grant-issuer';
