import type { OperatorActor } from './operator-actor';

// Keyed by the request object itself: nothing to declare on Express's types, and the entries go
// away with the request.
const verifications = new WeakMap<object, Promise<OperatorActor>>();
const actors = new WeakMap<object, OperatorActor>();

/** Verifies a request's token once, however many times the guard is applied to its route. */
export async function authenticateOnce(
  request: object,
  verify: () => Promise<OperatorActor>,
): Promise<OperatorActor> {
  let verification = verifications.get(request);
  if (!verification) {
    verification = verify();
    verifications.set(request, verification);
  }
  const actor = await verification;
  actors.set(request, actor);
  return actor;
}

/** Set by the guard before any handler runs; reading it elsewhere is a programming error. */
export function actorOf(request: object): OperatorActor {
  const actor = actors.get(request);
  if (!actor) throw new Error('@Actor() is only available on routes protected by @RequireScopes');
  return actor;
}
