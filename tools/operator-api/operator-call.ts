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
  const answer = (await response.json().catch(() => ({}))) as T & {
    detail?: string;
    title?: string;
    errors?: Array<{ field: string; message: string }>;
  };
  if (!response.ok) {
    // A 400 names each invalid field: say which option the service refused.
    const fields = (answer.errors ?? []).map(({ field, message }) => `${field}: ${message}`).join('; ');
    throw new Error(
      `${method} ${url}: HTTP ${response.status} ${answer.detail ?? answer.title ?? ''}${fields ? ` (${fields})` : ''}`.trim(),
    );
  }
  return answer;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
