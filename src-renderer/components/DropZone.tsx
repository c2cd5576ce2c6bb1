/** A drop target for files and folders; passes their absolute paths (never their contents) to `onPaths`. */
import { type DragEvent, type ReactNode, useState } from 'react';
import { api } from '../api/client';

export function DropZone({ onPaths, children, label }: { onPaths(paths: string[]): void; children: ReactNode; label: string }) {
  const [over, setOver] = useState(false);
  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    // Drops are also announced by main as app/openPaths; stop it here so the files are handled once, by this zone.
    e.stopPropagation();
    setOver(false);
    const paths = [...e.dataTransfer.files].map((f) => api().pathForFile(f)).filter(Boolean);
    if (paths.length) onPaths(paths);
  }
  return (
    <div
      className={`dropzone ${over ? 'over' : ''}`}
      aria-label={label}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}
