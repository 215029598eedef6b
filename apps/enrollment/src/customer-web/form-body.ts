/**
 * One field of a posted form, as the urlencoded parser gave it: a string, an array when the
 * field was repeated, or undefined. Callers refuse anything but a string.
 */
export function formFieldOf(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}
