import type { Citation } from '@student-helper/shared-types';
import { citationLabel, ocrLabel } from './citation-label';

export interface CitationListProps {
  citations: readonly Citation[];
  onOpenCitation(citation: Citation): void;
}

/** Every source an answer cites: document, page (marked when OCR read it) and the quoted passage, each opening the page. */
export function CitationList({ citations, onOpenCitation }: CitationListProps) {
  if (citations.length === 0) return null;
  return (
    <ol className="citations" aria-label="Sources">
      {citations.map((citation) => (
        <li key={citation.marker} className="citation">
          <button type="button" className="citation__open" aria-label={`Open ${citationLabel(citation)}`} onClick={() => onOpenCitation(citation)}>
            <span className="citation__marker">[{citation.marker}]</span> <span className="citation__doc">{citation.documentName}</span>
            <span className="citation__page">page {citation.page}</span>
            {citation.ocrConfidence !== undefined && (
              // The page had no usable text layer: the quote may hold recognition errors.
              <span className="citation__ocr" title={`Text ${ocrLabel(citation.ocrConfidence)}`}>
                OCR {citation.ocrConfidence}%
              </span>
            )}
          </button>
          <blockquote className="citation__quote">{citation.quote}</blockquote>
        </li>
      ))}
    </ol>
  );
}
