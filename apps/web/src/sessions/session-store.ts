import type { SessionAuth } from '../api/api-client';

/** A session this browser created or opened: the token is only ever shown once, so it lives here. */
export interface KnownSession extends SessionAuth {
  title: string;
  /** ISO timestamp of the last time it was opened; the list is sorted by it, newest first. */
  lastOpenedAt: string;
}

export const sessionsStorageKey = 'student-helper.sessions';
export const activeSessionStorageKey = 'student-helper.active-session';

function isKnownSession(value: unknown): value is KnownSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sessionId === 'string' && typeof v.token === 'string' && typeof v.title === 'string' && typeof v.lastOpenedAt === 'string'
  );
}

/**
 * The sessions known to this browser, in `localStorage`. Unreadable storage content (edited by
 * hand, written by an older version) is skipped entry by entry rather than losing every session.
 */
export class SessionStore {
  constructor(private readonly storage: Storage) {}

  list(): KnownSession[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage.getItem(sessionsStorageKey) ?? '[]');
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isKnownSession).sort((a, b) => b.lastOpenedAt.localeCompare(a.lastOpenedAt));
  }

  get(sessionId: string): KnownSession | undefined {
    return this.list().find((s) => s.sessionId === sessionId);
  }

  /** Adds or replaces the session with the same id. */
  save(session: KnownSession): void {
    const others = this.list().filter((s) => s.sessionId !== session.sessionId);
    this.write([session, ...others]);
  }

  /** Updates fields of a known session; unknown ids are ignored. */
  update(sessionId: string, changes: Partial<Pick<KnownSession, 'title' | 'lastOpenedAt'>>): void {
    this.write(this.list().map((s) => (s.sessionId === sessionId ? { ...s, ...changes } : s)));
  }

  forget(sessionId: string): void {
    this.write(this.list().filter((s) => s.sessionId !== sessionId));
    if (this.activeId() === sessionId) this.setActiveId(undefined);
  }

  activeId(): string | undefined {
    return this.storage.getItem(activeSessionStorageKey) ?? undefined;
  }

  setActiveId(sessionId: string | undefined): void {
    if (sessionId === undefined) this.storage.removeItem(activeSessionStorageKey);
    else this.storage.setItem(activeSessionStorageKey, sessionId);
  }

  private write(sessions: KnownSession[]): void {
    this.storage.setItem(sessionsStorageKey, JSON.stringify(sessions));
  }
}
