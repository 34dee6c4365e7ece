import { useRef, useState, type DragEvent } from 'react';

export interface DropZoneProps {
  onFiles(files: File[]): void;
  disabled?: boolean;
}

/** Drag-and-drop target for PDFs, with a button that opens the file picker for keyboard and touch users. */
export function DropZone({ onFiles, disabled = false }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  return (
    <div
      className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        // Without preventDefault the browser would open the dropped PDF instead.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 0 && !disabled) onFiles(files);
      }}
    >
      <p className="drop-zone__hint">Drop PDF files here, or</p>
      <button type="button" className="button" disabled={disabled} onClick={() => input.current?.click()}>
        Choose PDF files
      </button>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        multiple
        hidden
        aria-label="PDF files to upload"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared so choosing the same file again (after a failure) fires change again.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
