import type { Citation } from '@student-helper/shared-types';
import { citationLabel } from './citation-label';

export interface CitationListProps {
  citations: readonly Citation[];
  onOpenCitation(citation: Citation): void;
}

/** Every source an answer cites: document, page and the quoted passage, each opening the page. */
export function CitationList({ citations, onOpenCitation }: CitationListProps) {
  if (citations.length === 0) return null;
  return (
    <ol className="citations" aria-label="Sources">
      {citations.map((citation) => (
        <li key={citation.marker} className="citation">
          <button type="button" className="citation__open" aria-label={`Open ${citationLabel(citation)}`} onClick={() => onOpenCitation(citation)}>
            <span className="citation__marker">[{citation.marker}]</span> <span className="citation__doc">{citation.documentName}</span>
            <span className="citation__page">page {citation.page}</span>
          </button>
          <blockquote className="citation__quote">{citation.quote}</blockquote>
        </li>
      ))}
    </ol>
  );
}
