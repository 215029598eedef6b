import type { DirectoryFileFormat } from './domain/directory-columns';
import { UnsupportedUploadType } from './domain/directory-import.errors';

const MEDIA_TYPES: Record<string, DirectoryFileFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
};

export const UPLOAD_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/**
 * The format of an upload, from its Content-Type and the optional `format` query parameter,
 * which must agree. Only these media types are accepted, which also keeps Nest's JSON and form
 * body parsers off the stream: the body reaches the importer unread.
 */
export function uploadFormat(
  contentType: string | undefined,
  requested: DirectoryFileFormat | undefined,
): DirectoryFileFormat {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const format = mediaType === undefined ? undefined : MEDIA_TYPES[mediaType];
  const expected =
    requested === 'csv'
      ? 'text/csv'
      : requested === 'ndjson'
        ? 'application/x-ndjson'
        : UPLOAD_MEDIA_TYPES.join(' or ');
  if (format === undefined || (requested !== undefined && format !== requested)) {
    throw new UnsupportedUploadType(contentType, expected);
  }
  return format;
}

/** The name without any folder a client sent along (either slash). */
export function baseFileName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}
