import type { SessionInfo } from '@student-helper/shared-types';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, SessionAuth } from '../api/api-client';
import { toErrorLike } from '../api/to-error-like';
import type { ErrorLike } from '../errors/error-messages';

export interface SessionState {
  session: SessionInfo | undefined;
  error: ErrorLike | undefined;
  rename(title: string): Promise<void>;
}

/** Loads the session (title and documents) once per session; `rename` rejects on failure. */
export function useSession(client: ApiClient, auth: SessionAuth): SessionState {
  const [session, setSession] = useState<SessionInfo>();
  const [error, setError] = useState<ErrorLike>();
  const { sessionId, token } = auth;

  useEffect(() => {
    let live = true;
    setSession(undefined);
    setError(undefined);
    client.getSession({ sessionId, token }).then(
      (loaded) => live && setSession(loaded),
      (failure: unknown) => live && setError(toErrorLike(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, sessionId, token]);

  const rename = useCallback(
    async (title: string) => {
      await client.renameSession({ sessionId, token }, title);
      setSession((current) => current && { ...current, title });
    },
    [client, sessionId, token],
  );

  return { session, error, rename };
}
