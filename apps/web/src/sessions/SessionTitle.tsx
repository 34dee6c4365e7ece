import { useState, type FormEvent } from 'react';
import { toErrorLike } from '../api/to-error-like';
import { describeError, type ErrorLike } from '../errors/error-messages';

export interface SessionTitleProps {
  title: string;
  onRename(title: string): Promise<void>;
}

/** The session's title with an inline rename form. */
export function SessionTitle({ title, onRename }: SessionTitleProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorLike>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    if (!next) return;
    setSaving(true);
    setError(undefined);
    try {
      await onRename(next);
      setEditing(false);
    } catch (failure) {
      setError(toErrorLike(failure));
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <div className="session-title">
        <h2 className="session-title__text">{title}</h2>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => {
            setDraft(title);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </div>
    );
  }
  return (
    <form className="session-title" onSubmit={save}>
      <label htmlFor="session-title-input" className="visually-hidden">
        Session title
      </label>
      <input
        id="session-title-input"
        className="session-title__input"
        value={draft}
        maxLength={200}
        autoFocus
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
      />
      <button type="submit" className="button button--small button--primary" disabled={saving || !draft.trim()}>
        Save
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <p className="turn__error" role="alert">
          Could not rename: {describeError(error)}
        </p>
      )}
    </form>
  );
}
