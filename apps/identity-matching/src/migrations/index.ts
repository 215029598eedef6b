import { CompactEvidence1767916800000 } from './1767916800000-compact-evidence';
import { ContactState1768435200000 } from './1768435200000-contact-state';
import { Directories1767398400000 } from './1767398400000-directories';
import { EvidenceDetail1768521600000 } from './1768521600000-evidence-detail';
import { LinksAndReviews1767484800000 } from './1767484800000-links-and-reviews';
import { ImportWarningsAndAttributes1768262400000 } from './1768262400000-import-warnings-and-attributes';
import { UncheckedRunProvenance1768176000000 } from './1768176000000-unchecked-run-provenance';

/** identity-matching's schema, in the order it is built. */
export const identityMatchingMigrations = [
  Directories1767398400000,
  LinksAndReviews1767484800000,
  CompactEvidence1767916800000,
  UncheckedRunProvenance1768176000000,
  ImportWarningsAndAttributes1768262400000,
  ContactState1768435200000,
  EvidenceDetail1768521600000,
];
