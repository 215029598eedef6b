import type { CountryCode } from 'libphonenumber-js/max';

export const IMPORT_SETTINGS = Symbol('ImportSettings');

export interface ImportSettings {
  /** Records upserted per statement: big enough to amortise round trips, small enough to bound memory. */
  batchSize: number;
  /** Rejections stored per import; all are counted. */
  storedRejectionLimit: number;
  /** Rejections answered with the report; the rest are paged from the rejections endpoint. */
  reportedRejectionLimit: number;
  /** Field warnings stored per import; all are counted. */
  storedWarningLimit: number;
  /** Field warnings answered with the report; the rest are paged from the warnings endpoint. */
  reportedWarningLimit: number;
  /**
   * How long one upload may take, end to end. Node cuts any request at 5 minutes by default, and
   * an upload is read only as fast as its records are written: a million lines can take longer.
   */
  uploadTimeoutMs: number;
  /** Where phone numbers without a country code are read when the line has no phone_region. */
  defaultPhoneRegion?: CountryCode | undefined;
  /**
   * Attributes beyond the directory columns that imports keep with each record (lowercase
   * snake_case, none a directory column); a file naming any other column is refused.
   */
  extraAttributes: readonly string[];
}
