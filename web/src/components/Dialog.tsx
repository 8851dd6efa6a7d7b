/**
 * A modal dialog on the native <dialog> element: focus moves into it (to the first field marked
 * `autoFocus`, else the first control), is trapped while it is open, Escape closes it, and focus
 * returns to whatever opened it — also when the dialog is removed while open.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../app/i18n';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
      const body = d.querySelector('.dialog-body');
      const first = body?.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? body?.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    }
    if (!open && d.open) d.close();
    if (!open) restore();
  }, [open]);
  useEffect(() => restore, []);
  function restore() {
    const o = opener.current;
    opener.current = null;
    if (o && o.isConnected) o.focus();
  }
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label={t('action.close')}>
          ×
        </button>
      </div>
      {open && <div className="dialog-body">{children}</div>}
    </dialog>
  );
}
