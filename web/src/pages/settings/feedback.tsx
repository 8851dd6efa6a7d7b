/**
 * How the settings pages report the outcome of an action: errors in the user's language (an
 * impersonation session gets its own explanation for the 403s it meets), and success notes
 * announced to screen readers.
 */
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useMe } from '../../app/session';

/** `explain(error)`: the message to show for a failed request. */
export function useExplain(): (e: unknown) => string {
  const { t, error } = useI18n();
  const me = useMe();
  return (e) => {
    if (e instanceof ApiError && e.status === 403 && e.code === 'forbidden' && me.impersonation) return t('settings.error.impersonation');
    return error(e);
  };
}

/** An inline error for a failed action, announced at once. */
export function ActionError({ error }: { error: unknown }) {
  const explain = useExplain();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {explain(error)}
    </p>
  );
}

/** A success note; the live region stays in the page so each new message is announced. */
export function Notice({ message }: { message: string | null }) {
  return (
    <p className="settings-notice" role="status" aria-live="polite">
      {message ?? ''}
    </p>
  );
}
