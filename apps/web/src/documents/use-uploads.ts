import type { UploadAccepted } from '@student-helper/shared-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, SessionAuth } from '../api/api-client';
import { isAbortError } from '../api/api-error';
import { toErrorLike } from '../api/to-error-like';
import type { ErrorLike } from '../errors/error-messages';

/** A file on its way to the server, or refused by it (kept so it can be retried). */
export interface UploadItem {
  id: string;
  file: File;
  loaded: number;
  total: number;
  error: ErrorLike | undefined;
  /** The failed document this upload replaces (a retry): deleted once this one is accepted. */
  replaces: string | undefined;
}

export interface UploadsState {
  uploads: UploadItem[];
  start(files: readonly File[], replaces?: string): void;
  retry(id: string): void;
  dismiss(id: string): void;
}

export type OnAccepted = (accepted: UploadAccepted, file: File, replaces: string | undefined) => void;

/**
 * Uploads files one request each, all at once, with per-file byte progress. An accepted
 * upload leaves the list (the document list shows it from then on); a refused one stays
 * with its reason. Uploads still running when the session closes are aborted.
 */
export function useUploads(client: ApiClient, auth: SessionAuth, onAccepted: OnAccepted): UploadsState {
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const nextId = useRef(0);
  const controllers = useRef(new Map<string, AbortController>());
  const accepted = useRef(onAccepted);
  accepted.current = onAccepted;
  const { sessionId, token } = auth;

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      running.clear();
    };
  }, []);

  const update = (id: string, changes: Partial<UploadItem>) =>
    setUploads((current) => current.map((u) => (u.id === id ? { ...u, ...changes } : u)));

  const send = useCallback(
    (item: UploadItem) => {
      const controller = new AbortController();
      controllers.current.set(item.id, controller);
      client
        .uploadDocument({ sessionId, token }, item.file, {
          signal: controller.signal,
          onProgress: ({ loaded, total }) => update(item.id, { loaded, total }),
        })
        .then(
          (result) => {
            setUploads((current) => current.filter((u) => u.id !== item.id));
            accepted.current(result, item.file, item.replaces);
          },
          (error: unknown) => {
            if (!isAbortError(error)) update(item.id, { error: toErrorLike(error) });
          },
        )
        .finally(() => controllers.current.delete(item.id));
    },
    [client, sessionId, token],
  );

  const start = useCallback(
    (files: readonly File[], replaces?: string) => {
      const items = files.map<UploadItem>((file) => ({
        id: `upload-${++nextId.current}`,
        file,
        loaded: 0,
        total: file.size,
        error: undefined,
        replaces,
      }));
      setUploads((current) => [...current, ...items]);
      items.forEach(send);
    },
    [send],
  );

  const retry = useCallback(
    (id: string) => {
      const item = uploads.find((u) => u.id === id);
      if (!item) return;
      const restarted = { ...item, loaded: 0, error: undefined };
      update(id, restarted);
      send(restarted);
    },
    [uploads, send],
  );

  const dismiss = useCallback((id: string) => {
    controllers.current.get(id)?.abort();
    setUploads((current) => current.filter((u) => u.id !== id));
  }, []);

  return { uploads, start, retry, dismiss };
}
