import { useState, type FormEvent, type KeyboardEvent } from 'react';

export interface QuestionFormProps {
  streaming: boolean;
  /** Why asking is not possible right now (e.g. no ready document); undefined when it is. */
  disabledReason: string | undefined;
  /** Which documents a question searches, e.g. "All 2 ready documents". */
  scope: string;
  onAsk(question: string): void;
  onStop(): void;
}

export const maxQuestionLength = 4000;

export function QuestionForm({ streaming, disabledReason, scope, onAsk, onStop }: QuestionFormProps) {
  const [question, setQuestion] = useState('');
  const trimmed = question.trim();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!trimmed || streaming || disabledReason) return;
    onAsk(trimmed);
    setQuestion('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter asks, Shift+Enter starts a new line (as in most chat apps).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="question-form" onSubmit={submit}>
      <label htmlFor="question" className="question-form__label">
        Ask a question
      </label>
      <textarea
        id="question"
        className="question-form__input"
        rows={2}
        maxLength={maxQuestionLength}
        value={question}
        onChange={(event) => setQuestion(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-describedby="question-scope"
        placeholder="e.g. What is a trace tree?"
      />
      <div className="question-form__row">
        <p id="question-scope" className="question-form__scope">
          {disabledReason ?? `Searching: ${scope}`}
        </p>
        {streaming ? (
          <button type="button" className="button button--stop" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button--primary" disabled={!trimmed || disabledReason !== undefined}>
            Ask
          </button>
        )}
      </div>
    </form>
  );
}
