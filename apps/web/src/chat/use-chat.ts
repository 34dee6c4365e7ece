import type { AnswerOutcome, ChatMessage, Citation } from '@student-helper/shared-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, SessionAuth } from '../api/api-client';
import { isAbortError } from '../api/api-error';
import { toErrorLike } from '../api/to-error-like';
import type { ErrorLike } from '../errors/error-messages';

/** One question or answer on screen. */
export interface ChatTurn {
  /** Stable React key: the server id for history, a local id while streaming. */
  key: string;
  role: 'user' | 'assistant';
  content: string;
  citations: Citation[];
  outcome: AnswerOutcome | null;
  state: 'streaming' | 'complete' | 'failed';
  error: ErrorLike | undefined;
  /** The stand-alone query the server searched (follow-ups are rewritten). */
  searchedFor: string | undefined;
}

export interface ChatState {
  turns: ChatTurn[];
  history: 'loading' | 'ready' | 'failed';
  historyError: ErrorLike | undefined;
  streaming: boolean;
  ask(question: string, documentIds?: string[]): Promise<void>;
  stop(): void;
}

/** Shown when the stream closes without `done` or `error` (connection cut mid-answer). */
export const incompleteAnswerError: ErrorLike = { code: 'INCOMPLETE_ANSWER', message: 'The answer was cut off before it finished.' };

function fromHistory(message: ChatMessage): ChatTurn {
  return {
    key: message.messageId,
    role: message.role,
    content: message.content,
    citations: message.citations,
    outcome: message.outcome,
    state: 'complete',
    error: undefined,
    searchedFor: undefined,
  };
}

/** History restored from the server, then questions asked with streamed answers that can be stopped. */
export function useChat(client: ApiClient, auth: SessionAuth): ChatState {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [history, setHistory] = useState<ChatState['history']>('loading');
  const [historyError, setHistoryError] = useState<ErrorLike>();
  const [streaming, setStreaming] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const nextKey = useRef(0);
  const { sessionId, token } = auth;

  useEffect(() => {
    let live = true;
    client.listMessages({ sessionId, token }).then(
      (messages) => {
        if (!live) return;
        // Turns asked before the history arrived stay after it.
        setTurns((current) => [...messages.map(fromHistory), ...current]);
        setHistory('ready');
      },
      (error: unknown) => {
        if (!live) return;
        setHistoryError(toErrorLike(error));
        setHistory('failed');
      },
    );
    return () => {
      live = false;
      controller.current?.abort();
    };
  }, [client, sessionId, token]);

  const ask = useCallback(
    async (question: string, documentIds?: string[]) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      const answerKey = `local-${++nextKey.current}`;
      const update = (changes: (turn: ChatTurn) => Partial<ChatTurn>) =>
        setTurns((current) => current.map((t) => (t.key === answerKey ? { ...t, ...changes(t) } : t)));
      const empty = { citations: [], outcome: null, error: undefined, searchedFor: undefined };
      setTurns((current) => [
        ...current,
        { ...empty, key: `local-${++nextKey.current}`, role: 'user', content: question, state: 'complete' },
        { ...empty, key: answerKey, role: 'assistant', content: '', state: 'streaming' },
      ]);
      setStreaming(true);
      let finished = false;
      try {
        const request = documentIds && documentIds.length > 0 ? { question, documentIds } : { question };
        for await (const event of client.chat({ sessionId, token }, request, abort.signal)) {
          switch (event.event) {
            case 'retrieval':
              update(() => ({ searchedFor: event.data.query }));
              break;
            case 'token':
              update((turn) => ({ content: turn.content + event.data.text }));
              break;
            case 'citations':
              update(() => ({ citations: event.data }));
              break;
            case 'done':
              finished = true;
              update(() => ({ outcome: event.data.outcome, state: 'complete' }));
              break;
            case 'error':
              finished = true;
              update(() => ({ state: 'failed', error: event.data }));
              break;
          }
          // `done` and `error` end an answer: stop reading (which closes the stream) at once.
          if (finished) break;
        }
        if (!finished) update(() => ({ state: 'failed', error: incompleteAnswerError }));
      } catch (error) {
        if (isAbortError(error)) update(() => ({ outcome: 'stopped', state: 'complete' }));
        else update(() => ({ state: 'failed', error: toErrorLike(error) }));
      } finally {
        controller.current = undefined;
        setStreaming(false);
      }
    },
    [client, sessionId, token],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  return { turns, history, historyError, streaming, ask, stop };
}
