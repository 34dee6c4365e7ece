import type { Citation } from '@student-helper/shared-types';
import { memo } from 'react';
import { describeError, errorDetail } from '../errors/error-messages';
import { AnswerText } from './AnswerText';
import { CitationList } from './CitationList';
import type { ChatTurn } from './use-chat';

export interface ChatTurnViewProps {
  turn: ChatTurn;
  onOpenCitation(citation: Citation): void;
}

function statusText(turn: ChatTurn): string {
  if (turn.state === 'streaming') return turn.content ? 'Answering…' : 'Searching your documents…';
  if (turn.state === 'failed') return 'No answer';
  if (turn.outcome === 'stopped') return 'Stopped';
  if (turn.outcome === 'not_found') return 'Not in your documents';
  return 'Answer';
}

/**
 * One question or answer. Memoised: while an answer streams only its own turn re-renders, and
 * earlier turns keep their layout.
 */
export const ChatTurnView = memo(function ChatTurnView({ turn, onOpenCitation }: ChatTurnViewProps) {
  if (turn.role === 'user') {
    return (
      <article className="turn turn--question" aria-label="Your question">
        <p>{turn.content}</p>
      </article>
    );
  }
  const notFound = turn.outcome === 'not_found';
  const classes = ['turn', 'turn--answer', notFound && 'turn--not-found', turn.state === 'failed' && 'turn--failed', turn.state === 'streaming' && 'turn--streaming'];
  const detail = turn.error && errorDetail(turn.error);
  return (
    <article className={classes.filter(Boolean).join(' ')} aria-label={notFound ? 'Not in your documents' : 'Answer'} aria-busy={turn.state === 'streaming'}>
      <p className="turn__status">
        {notFound && (
          <span className="turn__icon" aria-hidden="true">
            ∅{' '}
          </span>
        )}
        {statusText(turn)}
      </p>
      {turn.content && <AnswerText text={turn.content} citations={turn.citations} onOpenCitation={onOpenCitation} />}
      {notFound && <p className="turn__hint">Nothing in your documents answers this. Try other words, or add a document that covers it.</p>}
      {turn.error && (
        <p className="turn__error" role="alert">
          {describeError(turn.error)}
          {detail && <span className="turn__error-detail"> {detail}</span>}
        </p>
      )}
      <CitationList citations={turn.citations} onOpenCitation={onOpenCitation} />
    </article>
  );
});
