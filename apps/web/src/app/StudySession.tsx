import type { Citation, DocumentInfo, SessionInfo, UploadAccepted } from '@student-helper/shared-types';
import { useCallback, useMemo, useState } from 'react';
import type { SessionAuth } from '../api/api-client';
import { ChatPanel } from '../chat/ChatPanel';
import { useChat } from '../chat/use-chat';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { useDocuments } from '../documents/use-documents';
import { useUploads } from '../documents/use-uploads';
import { describeError } from '../errors/error-messages';
import { PdfViewer } from '../pdf/PdfViewer';
import { SessionTitle } from '../sessions/SessionTitle';
import type { KnownSession } from '../sessions/session-store';
import { useSession } from '../sessions/use-session';
import { useServices } from './services';

export interface StudySessionProps {
  session: KnownSession;
  onRenamed(title: string): void;
  onForget(): void;
}

/** One open session: loads it, then shows documents and chat side by side. */
export function StudySession({ session, onRenamed, onForget }: StudySessionProps) {
  const { client } = useServices();
  const auth = useMemo<SessionAuth>(() => ({ sessionId: session.sessionId, token: session.token }), [session.sessionId, session.token]);
  const loaded = useSession(client, auth);

  if (loaded.error) {
    return (
      <main className="study study--error">
        <section className="panel" role="alert">
          <h2>This session could not be opened</h2>
          <p>{describeError(loaded.error)}</p>
          {(loaded.error.code === 'UNAUTHORIZED' || loaded.error.code === 'NOT_FOUND') && (
            <button type="button" className="button" onClick={onForget}>
              Forget this session
            </button>
          )}
        </section>
      </main>
    );
  }
  if (!loaded.session) {
    return (
      <main className="study" aria-busy="true">
        <p className="muted">Opening {session.title}…</p>
      </main>
    );
  }
  return (
    <OpenSession
      auth={auth}
      info={loaded.session}
      onRename={async (title) => {
        await loaded.rename(title);
        onRenamed(title);
      }}
    />
  );
}

interface OpenSessionProps {
  auth: SessionAuth;
  info: SessionInfo;
  onRename(title: string): Promise<void>;
}

function OpenSession({ auth, info, onRename }: OpenSessionProps) {
  const { client, pollIntervalMs } = useServices();
  const documents = useDocuments(client, auth, info.documents, pollIntervalMs);
  const { track, remove } = documents;
  const onAccepted = useCallback(
    (accepted: UploadAccepted, file: File, replaces: string | undefined) => {
      track(accepted, file);
      // A retry replaces the failed document only once the new copy is safely accepted.
      if (replaces) void remove(replaces);
    },
    [track, remove],
  );
  const uploads = useUploads(client, auth, onAccepted);
  const chat = useChat(client, auth);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [viewing, setViewing] = useState<Citation>();

  const ready = documents.documents.filter((d) => d.status === 'ready');
  const chosen = ready.filter((d) => selected.has(d.documentId));
  const documentIds = chosen.length > 0 ? chosen.map((d) => d.documentId) : undefined;
  const scope =
    chosen.length > 0
      ? `${chosen.length} selected document${chosen.length === 1 ? '' : 's'}`
      : ready.length === 1
        ? 'your one ready document'
        : `all ${ready.length} ready documents`;
  const disabledReason = ready.length === 0 ? 'Add a PDF and wait until it is ready to ask questions.' : undefined;

  const onSelect = useCallback((documentId: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(documentId);
      else next.delete(documentId);
      return next;
    });
  }, []);
  const onRetry = useCallback(
    (doc: DocumentInfo) => {
      const file = documents.fileFor(doc.documentId);
      if (file) uploads.start([file], doc.documentId);
    },
    [documents, uploads],
  );
  const onOpenCitation = useCallback((citation: Citation) => setViewing(citation), []);

  return (
    <main className="study">
      <SessionTitle title={info.title} onRename={onRename} />
      <div className="study__columns">
        <DocumentsPanel documents={documents} uploads={uploads} selected={selected} onSelect={onSelect} onRetry={onRetry} />
        <ChatPanel chat={chat} disabledReason={disabledReason} scope={scope} documentIds={documentIds} onOpenCitation={onOpenCitation} />
      </div>
      {viewing && <PdfViewer auth={auth} citation={viewing} onClose={() => setViewing(undefined)} />}
    </main>
  );
}
