import type { DocumentInfo } from '@student-helper/shared-types';
import type { DocumentsState } from './use-documents';
import type { UploadsState } from './use-uploads';
import { DocumentRow } from './DocumentRow';
import { DropZone } from './DropZone';
import { UploadRow } from './UploadRow';

export interface DocumentsPanelProps {
  documents: DocumentsState;
  uploads: UploadsState;
  selected: ReadonlySet<string>;
  onSelect(documentId: string, selected: boolean): void;
  /** Re-sends the file of a failed document; absent when this page no longer has the file. */
  onRetry(doc: DocumentInfo): void;
}

/** Upload area, uploads in flight and the session's documents with their live status. */
export function DocumentsPanel({ documents, uploads, selected, onSelect, onRetry }: DocumentsPanelProps) {
  const empty = documents.documents.length === 0 && uploads.uploads.length === 0;
  return (
    <section className="panel documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <DropZone onFiles={(files) => uploads.start(files)} />
      {/* One polite live region for every status change, so a screen reader hears "Ready" without polling the list. */}
      <div aria-live="polite" aria-relevant="additions text">
        {empty ? (
          <p className="muted">No documents yet. Add the PDFs you want to ask about.</p>
        ) : (
          <ul className="doc-list" aria-label="Documents in this session">
            {uploads.uploads.map((upload) => (
              <UploadRow key={upload.id} upload={upload} onRetry={uploads.retry} onDismiss={uploads.dismiss} />
            ))}
            {documents.documents.map((doc) => (
              <DocumentRow
                key={doc.documentId}
                doc={doc}
                selected={selected.has(doc.documentId)}
                deleting={documents.deleting.has(doc.documentId)}
                canRetry={documents.fileFor(doc.documentId) !== undefined}
                actionError={documents.actionErrors[doc.documentId]}
                onSelect={onSelect}
                onRetry={() => onRetry(doc)}
                onDelete={(id) => void documents.remove(id)}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
