import { describeError, errorDetail } from '../errors/error-messages';
import { formatBytes } from './document-status';
import type { UploadItem } from './use-uploads';

export interface UploadRowProps {
  upload: UploadItem;
  onRetry(id: string): void;
  onDismiss(id: string): void;
}

export function UploadRow({ upload, onRetry, onDismiss }: UploadRowProps) {
  const { id, file, loaded, total, error } = upload;
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  const detail = error && errorDetail(error);
  return (
    <li className={error ? 'doc doc--failed' : 'doc'}>
      <div className="doc__head">
        <span className="doc__name">{file.name}</span>
        <span className="doc__size">{formatBytes(file.size)}</span>
      </div>
      {error ? (
        <>
          <p className="doc__status doc__status--error">Upload failed: {describeError(error)}</p>
          {detail && <p className="doc__detail">{detail}</p>}
          <div className="doc__actions">
            <button type="button" className="button button--small" onClick={() => onRetry(id)} aria-label={`Retry uploading ${file.name}`}>
              Retry
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => onDismiss(id)} aria-label={`Dismiss ${file.name}`}>
              Dismiss
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="doc__status">Uploading · {percent}%</p>
          <progress className="doc__progress" max={100} value={percent} aria-label={`Uploading ${file.name}`} />
          <div className="doc__actions">
            <button type="button" className="button button--small button--quiet" onClick={() => onDismiss(id)} aria-label={`Cancel uploading ${file.name}`}>
              Cancel
            </button>
          </div>
        </>
      )}
    </li>
  );
}
