/**
 * Puts the focus back where it was (the button that opened a dialog) when the component that
 * calls this unmounts — a dialog removed while open would otherwise leave focus on <body>.
 * The element is noted during the first render, before the dialog's showModal() moves focus.
 */
import { useEffect, useState } from 'react';

export function useRestoreFocus(): void {
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      if (before?.isConnected) requestAnimationFrame(() => before.focus());
    },
    [before],
  );
}
