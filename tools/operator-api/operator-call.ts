/** Calls an operator API with a bearer token; a problem+json answer becomes an error naming its detail. */
export async function operatorCall<T>(
  method: 'GET' | 'POST',
  url: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { detail?: string; title?: string };
  if (!response.ok) {
    throw new Error(
      `${method} ${url}: HTTP ${response.status} ${answer.detail ?? answer.title ?? ''}`.trim(),
    );
  }
  return answer;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
