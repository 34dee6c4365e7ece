import type { DocumentInfo, UploadAccepted } from '@student-helper/shared-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, SessionAuth } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { toErrorLike } from '../api/to-error-like';
import type { ErrorLike } from '../errors/error-messages';

export interface DocumentsState {
  documents: DocumentInfo[];
  /** Documents whose delete is in flight. */
  deleting: ReadonlySet<string>;
  /** The last failed action per document (a delete the server refused). */
  actionErrors: Readonly<Record<string, ErrorLike>>;
  /** Starts showing (and polling) a document the server just accepted. */
  track(accepted: UploadAccepted, file: File): void;
  remove(documentId: string): Promise<void>;
  /** The file a document was uploaded from in this page, if any: what "retry" re-sends. */
  fileFor(documentId: string): File | undefined;
}

export const isProcessing = (doc: DocumentInfo) => doc.status === 'queued' || doc.status === 'processing';

function placeholder(accepted: UploadAccepted, file: File, sessionId: string, now: string): DocumentInfo {
  return {
    documentId: accepted.documentId,
    sessionId,
    jobId: accepted.jobId,
    filename: file.name,
    sizeBytes: file.size,
    status: accepted.status,
    stage: null,
    progress: 0,
    detail: null,
    pageCount: null,
    chunkCount: null,
    pageWarnings: [],
    ocrPageCount: null,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The session's documents. Those still queued or processing are re-read every
 * `pollIntervalMs` until they are ready or failed; one deleted elsewhere (404) disappears.
 */
export function useDocuments(client: ApiClient, auth: SessionAuth, initial: DocumentInfo[], pollIntervalMs: number): DocumentsState {
  const [documents, setDocuments] = useState(initial);
  const [deleting, setDeleting] = useState<ReadonlySet<string>>(new Set());
  const [actionErrors, setActionErrors] = useState<Record<string, ErrorLike>>({});
  const [pollRound, setPollRound] = useState(0);
  const files = useRef(new Map<string, File>());
  const { sessionId, token } = auth;

  const pending = documents
    .filter(isProcessing)
    .map((d) => d.documentId)
    .join(',');

  useEffect(() => {
    if (!pending) return;
    let live = true;
    const timer = setTimeout(async () => {
      const ids = pending.split(',');
      const results = await Promise.allSettled(ids.map((id) => client.getDocument({ sessionId, token }, id)));
      if (!live) return;
      setDocuments((current) =>
        current.flatMap((doc) => {
          const result = results[ids.indexOf(doc.documentId)];
          if (!result) return [doc];
          if (result.status === 'fulfilled') return [result.value];
          // Gone (deleted in another tab): drop it. Any other failure: keep it and try again.
          return result.reason instanceof ApiError && result.reason.code === 'NOT_FOUND' ? [] : [doc];
        }),
      );
      setPollRound((round) => round + 1);
    }, pollIntervalMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, sessionId, token, pending, pollRound, pollIntervalMs]);

  const track = useCallback(
    (accepted: UploadAccepted, file: File) => {
      files.current.set(accepted.documentId, file);
      const doc = placeholder(accepted, file, sessionId, new Date().toISOString());
      setDocuments((current) => [...current.filter((d) => d.documentId !== doc.documentId), doc]);
    },
    [sessionId],
  );

  const remove = useCallback(
    async (documentId: string) => {
      setDeleting((current) => new Set(current).add(documentId));
      setActionErrors(({ [documentId]: _, ...rest }) => rest);
      try {
        await client.deleteDocument({ sessionId, token }, documentId);
        files.current.delete(documentId);
        setDocuments((current) => current.filter((d) => d.documentId !== documentId));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') {
          setDocuments((current) => current.filter((d) => d.documentId !== documentId));
        } else {
          setActionErrors((current) => ({ ...current, [documentId]: toErrorLike(error) }));
        }
      } finally {
        setDeleting((current) => {
          const next = new Set(current);
          next.delete(documentId);
          return next;
        });
      }
    },
    [client, sessionId, token],
  );

  const fileFor = useCallback((documentId: string) => files.current.get(documentId), []);

  return { documents, deleting, actionErrors, track, remove, fileFor };
}
