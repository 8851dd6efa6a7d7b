/**
 * A confirmation before an action that cannot be undone (revoke, disable, remove). Mounted only
 * while open, so a page never holds two dialogs; focus returns to where it was on close.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../app/i18n';
import { ActionError } from './feedback';

/**
 * Give focus back to the element that opened a dialog when the dialog goes away. The element is
 * noted during the first render: by the time effects run, showModal() has already moved focus.
 */
export function useFocusReturn(): void {
  const [previous] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      // After the dialog has left the DOM (the page is no longer inert).
      setTimeout(() => {
        if (previous?.isConnected) previous.focus();
      }, 0);
    },
    [previous],
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = true,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  useFocusReturn();
  return (
    <Dialog title={title} open onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <ActionError error={error} />
      <div className="btn-row dialog-actions">
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
