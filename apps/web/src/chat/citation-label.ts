import type { Citation } from '@student-helper/shared-types';

/** The accessible name of a citation control: which source, which document, which page. */
export function citationLabel(citation: Citation): string {
  return `Source ${citation.marker}: ${citation.documentName}, page ${citation.page}`;
}
