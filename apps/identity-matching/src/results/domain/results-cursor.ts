/**
 * Where a listing of match results stopped: the run whose results are being read and the last
 * legacy account id of the page. Opaque to clients (base64url JSON), so its shape may change; the
 * run inside it lets a later page notice that another run replaced the results meanwhile.
 */
export interface ResultsCursor {
  runId: string;
  afterLegacyId: string;
}

export function encodeCursor(cursor: ResultsCursor): string {
  return Buffer.from(JSON.stringify({ r: cursor.runId, a: cursor.afterLegacyId }), 'utf8').toString(
    'base64url',
  );
}

/** The cursor a `next` value stands for; undefined when it is not one this service wrote. */
export function decodeCursor(value: string): ResultsCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { r, a } = parsed as Record<string, unknown>;
    if (typeof r !== 'string' || typeof a !== 'string' || a.length === 0) return undefined;
    return { runId: r, afterLegacyId: a };
  } catch {
    return undefined;
  }
}
