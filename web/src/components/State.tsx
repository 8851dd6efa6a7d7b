/** Loading, empty and error states every page uses, so they look and read the same everywhere. */
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t('state.empty')}</div>;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, error: explain } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.error')}</strong> <span>{explain(error)}</span>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** Render a TanStack query's three states, or its data. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}

/** An inline error message for forms (announced to screen readers). */
export function FormError({ error }: { error: unknown }) {
  const { error: explain } = useI18n();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {explain(error)}
    </p>
  );
}
