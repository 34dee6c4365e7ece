import { useCallback, useState } from 'react';
import type { KnownSession, SessionStore } from './session-store';

export interface KnownSessions {
  sessions: KnownSession[];
  /** The open session, if any: restored from storage on reload. */
  active: KnownSession | undefined;
  /** Remembers a new session and opens it. */
  add(session: Omit<KnownSession, 'lastOpenedAt'>): void;
  open(sessionId: string): void;
  close(): void;
  rename(sessionId: string, title: string): void;
  forget(sessionId: string): void;
}

/** React state over {@link SessionStore}: every change is written through to storage at once. */
export function useKnownSessions(store: SessionStore, now: () => Date = () => new Date()): KnownSessions {
  const [sessions, setSessions] = useState(() => store.list());
  const [activeId, setActiveId] = useState(() => store.activeId());

  const activate = useCallback(
    (sessionId: string | undefined) => {
      store.setActiveId(sessionId);
      setActiveId(sessionId);
      setSessions(store.list());
    },
    [store],
  );

  return {
    sessions,
    active: sessions.find((s) => s.sessionId === activeId),
    add(session) {
      store.save({ ...session, lastOpenedAt: now().toISOString() });
      activate(session.sessionId);
    },
    open(sessionId) {
      store.update(sessionId, { lastOpenedAt: now().toISOString() });
      activate(sessionId);
    },
    close() {
      activate(undefined);
    },
    rename(sessionId, title) {
      store.update(sessionId, { title });
      setSessions(store.list());
    },
    forget(sessionId) {
      store.forget(sessionId);
      setActiveId(store.activeId());
      setSessions(store.list());
    },
  };
}
