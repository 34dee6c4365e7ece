import { useState, type FormEvent } from 'react';
import { toErrorLike } from '../api/to-error-like';
import { useServices } from '../app/services';
import { describeError, type ErrorLike } from '../errors/error-messages';
import type { KnownSessions } from './use-known-sessions';

export interface SessionPickerProps {
  known: KnownSessions;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Start a new study session or go back to one this browser knows. */
export function SessionPicker({ known }: SessionPickerProps) {
  const { client } = useServices();
  const [title, setTitle] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ErrorLike>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreating(true);
    setError(undefined);
    try {
      const wanted = title.trim();
      const created = await client.createSession(wanted || undefined);
      known.add({ ...created, title: wanted || 'Untitled session' });
    } catch (failure) {
      setError(toErrorLike(failure));
      setCreating(false);
    }
  };

  return (
    <main className="picker">
      <section className="panel" aria-labelledby="new-session-heading">
        <h2 id="new-session-heading">Start a study session</h2>
        <p className="muted">Add your PDFs to a session, then ask questions. Answers cite the pages they come from.</p>
        <form className="picker__form" onSubmit={create}>
          <label htmlFor="new-session-title">Title (optional)</label>
          <input
            id="new-session-title"
            value={title}
            maxLength={200}
            placeholder="e.g. Compilers exam"
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <button type="submit" className="button button--primary" disabled={creating}>
            {creating ? 'Starting…' : 'Start session'}
          </button>
        </form>
        {error && (
          <p className="turn__error" role="alert">
            Could not start a session: {describeError(error)}
          </p>
        )}
      </section>
      {known.sessions.length > 0 && (
        <section className="panel" aria-labelledby="known-sessions-heading">
          <h2 id="known-sessions-heading">Your sessions</h2>
          <ul className="picker__list">
            {known.sessions.map((session) => (
              <li key={session.sessionId} className="picker__item">
                <button type="button" className="picker__open" onClick={() => known.open(session.sessionId)}>
                  <span className="picker__title">{session.title}</span>
                  <span className="picker__date">Last opened {dateFormat.format(new Date(session.lastOpenedAt))}</span>
                </button>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Forget ${session.title}`}
                  onClick={() => known.forget(session.sessionId)}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">Sessions are remembered in this browser only. Forgetting one removes its key from this browser.</p>
        </section>
      )}
    </main>
  );
}
