/**
 * Step 2's file chooser: drop a file on the zone, or use the real file input behind its label
 * (Tab reaches it, Enter or Space opens the browser's dialog). Only CSV, text and Parquet files
 * are taken; the server still decides what a file really is.
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';

export const ACCEPTED = ['.csv', '.txt', '.tsv', '.parquet'] as const;

export function accepted(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED.some((ext) => lower.endsWith(ext));
}

/** "12.3 MB", "850 KB", "120 B" (decimal units, like the rest of the app). */
export function useBytes(): (n: number) => string {
  const f = useFormat();
  return (n) => (n >= 1e6 ? `${f.number(n / 1e6, 1)} MB` : n >= 1e3 ? `${f.number(n / 1e3, 0)} KB` : `${f.number(n)} B`);
}

export function DropZone({ file, onFile }: { file: File | null; onFile: (file: File | null) => void }) {
  const t = useT();
  const bytes = useBytes();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const take = (f: File | undefined) => {
    if (!f) return;
    if (!accepted(f.name)) {
      setRefused(t('imports.drop.refused', { name: f.name }));
      return;
    }
    setRefused(null);
    onFile(f);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  };
  const clear = () => {
    if (input.current) input.current.value = '';
    onFile(null);
  };

  return (
    <div>
      <div
        className={`imports-drop ${over ? 'over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p className="imports-drop-title">{t('imports.drop.title')}</p>
        <input
          ref={input}
          id={id}
          className="imports-file-input"
          type="file"
          accept={[...ACCEPTED, 'text/csv', 'text/plain'].join(',')}
          aria-describedby={`${id}-hint`}
          data-testid="import-file"
          onChange={(e) => take(e.target.files?.[0])}
        />
        <label htmlFor={id} className="btn btn-primary">
          {t('imports.drop.choose')}
        </label>
        <p id={`${id}-hint`} className="hint">
          {t('imports.drop.hint')}
        </p>
      </div>
      {refused && (
        <p className="form-error" role="alert" data-testid="drop-refused">
          {refused}
        </p>
      )}
      {file && (
        <p className="imports-file" data-testid="chosen-file">
          <span>{t('imports.drop.chosen', { name: file.name, size: bytes(file.size) })}</span>
          <button type="button" className="btn btn-ghost" onClick={clear}>
            {t('imports.drop.clear')}
          </button>
        </p>
      )}
    </div>
  );
}
