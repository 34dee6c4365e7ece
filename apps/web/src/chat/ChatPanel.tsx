import type { Citation } from '@student-helper/shared-types';
import { useEffect, useRef } from 'react';
import { describeError } from '../errors/error-messages';
import { ChatTurnView } from './ChatTurnView';
import { QuestionForm } from './QuestionForm';
import type { ChatState } from './use-chat';

export interface ChatPanelProps {
  chat: ChatState;
  disabledReason: string | undefined;
  scope: string;
  documentIds: string[] | undefined;
  onOpenCitation(citation: Citation): void;
}

// Within this many pixels of the end the log counts as "at the bottom" and follows new text.
const followSlackPx = 48;

export function ChatPanel({ chat, disabledReason, scope, documentIds, onOpenCitation }: ChatPanelProps) {
  const log = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const last = chat.turns[chat.turns.length - 1];

  // Follow the streaming answer only while the reader is at the bottom; scrolling up to read
  // an earlier answer is never interrupted.
  useEffect(() => {
    const element = log.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [chat.turns.length, last?.content, last?.citations]);

  return (
    <section className="panel chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Questions</h2>
      <div
        ref={log}
        className="chat__log"
        role="log"
        aria-live="polite"
        aria-label="Conversation"
        tabIndex={0}
        onScroll={(event) => {
          const el = event.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < followSlackPx;
        }}
      >
        {chat.history === 'loading' && <p className="muted">Loading earlier questions…</p>}
        {chat.history === 'failed' && chat.historyError && (
          <p className="turn__error" role="alert">
            Earlier questions could not be loaded: {describeError(chat.historyError)}
          </p>
        )}
        {chat.history === 'ready' && chat.turns.length === 0 && (
          <p className="muted">Ask anything about your documents. Every answer cites the pages it comes from.</p>
        )}
        {chat.turns.map((turn) => (
          <ChatTurnView key={turn.key} turn={turn} onOpenCitation={onOpenCitation} />
        ))}
      </div>
      <QuestionForm
        streaming={chat.streaming}
        disabledReason={disabledReason}
        scope={scope}
        onAsk={(question) => void chat.ask(question, documentIds)}
        onStop={chat.stop}
      />
    </section>
  );
}
