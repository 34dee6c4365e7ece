import type { DocumentInfo } from '@student-helper/shared-types';
import { errorDetail, describeError, type ErrorLike } from '../errors/error-messages';
import { documentStatusText, formatBytes, pageWarningsTitle } from './document-status';
import { isProcessing } from './use-documents';

export interface DocumentRowProps {
  doc: DocumentInfo;
  selected: boolean;
  deleting: boolean;
  canRetry: boolean;
  actionError: ErrorLike | undefined;
  onSelect(documentId: string, selected: boolean): void;
  onRetry(documentId: string): void;
  onDelete(documentId: string): void;
}

export function DocumentRow({ doc, selected, deleting, canRetry, actionError, onSelect, onRetry, onDelete }: DocumentRowProps) {
  const failed = doc.status === 'failed';
  const detail = failed && doc.error ? errorDetail(doc.error) : undefined;
  const checkboxId = `use-${doc.documentId}`;
  return (
    <li className={failed ? 'doc doc--failed' : 'doc'} aria-busy={isProcessing(doc)}>
      <div className="doc__head">
        {doc.status === 'ready' ? (
          <span className="doc__select">
            <input id={checkboxId} type="checkbox" checked={selected} onChange={(event) => onSelect(doc.documentId, event.currentTarget.checked)} />
            <label htmlFor={checkboxId} className="doc__name">
              {doc.filename}
            </label>
          </span>
        ) : (
          <span className="doc__name">{doc.filename}</span>
        )}
        <span className="doc__size">{formatBytes(doc.sizeBytes)}</span>
      </div>
      <p className={failed ? 'doc__status doc__status--error' : 'doc__status'}>{documentStatusText(doc)}</p>
      {detail && <p className="doc__detail">{detail}</p>}
      {doc.pageWarnings.length > 0 && (
        <details className="doc__warnings">
          <summary>{pageWarningsTitle(doc.pageWarnings.length)}</summary>
          <ul aria-label={`Unreadable pages of ${doc.filename}`}>
            {doc.pageWarnings.map((warning) => (
              <li key={warning.pageNumber}>
                Page {warning.pageNumber}: {warning.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {failed && !canRetry && <p className="doc__detail">To try again, delete it and add the file again.</p>}
      {isProcessing(doc) && (
        <progress className="doc__progress" max={100} value={doc.progress} aria-label={`Processing ${doc.filename}`} />
      )}
      {actionError && <p className="doc__status doc__status--error">Could not delete: {describeError(actionError)}</p>}
      <div className="doc__actions">
        {failed && canRetry && (
          <button type="button" className="button button--small" onClick={() => onRetry(doc.documentId)} aria-label={`Retry ${doc.filename}`}>
            Retry
          </button>
        )}
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={deleting}
          onClick={() => onDelete(doc.documentId)}
          aria-label={`Delete ${doc.filename}`}
        >
          {deleting ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </li>
  );
}
