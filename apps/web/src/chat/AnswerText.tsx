import type { Citation } from '@student-helper/shared-types';
import { Fragment } from 'react';
import { splitAnswer } from './answer-segments';
import { citationLabel } from './citation-label';

export interface AnswerTextProps {
  text: string;
  citations: readonly Citation[];
  onOpenCitation(citation: Citation): void;
}

/**
 * Answer text with each `[n]` marker as a button that opens the cited page. A marker whose
 * citation has not arrived yet (they come after the last token) stays plain text of the same
 * width, so nothing moves when it turns into a button.
 */
export function AnswerText({ text, citations, onOpenCitation }: AnswerTextProps) {
  return (
    <p className="answer__text">
      {splitAnswer(text).map((segment, i) => {
        if (segment.kind === 'text') return <Fragment key={i}>{segment.text}</Fragment>;
        return (
          <span key={i} className="marker">
            [
            {segment.markers.map((n, j) => {
              const citation = citations.find((c) => c.marker === n);
              return (
                <Fragment key={n}>
                  {j > 0 && ', '}
                  {citation ? (
                    <button type="button" className="marker__button" aria-label={citationLabel(citation)} onClick={() => onOpenCitation(citation)}>
                      {n}
                    </button>
                  ) : (
                    <span className="marker__pending">{n}</span>
                  )}
                </Fragment>
              );
            })}
            ]
          </span>
        );
      })}
    </p>
  );
}
