/**
 * Data for the import page: the documented kinds, the preview of a chosen file (only its first
 * 256 KB travel), starting an import, the run polled every second until it ends, and the history.
 * Keys start with 'imports'; a finished import that wrote data refreshes every other view.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api';
import { selection } from '../../app/tenant';
import { finished, type ImportKind, type ImportOptions, type ImportRun, type KindSpec, type Preview } from './types';

export const IMPORTS_KEY = ['imports'] as const;
/** The part of the file the preview reads: enough for the header and the first 20 rows. */
export const PREVIEW_BYTES = 262_144;
export const HISTORY_LIMIT = 20;
const POLL_MS = 1000;

/** A same-origin link to an API file (template, error report); on plain localhost the tenant rides along as ?tenant=. */
export function downloadHref(path: string): string {
  const sel = selection();
  return withQuery(`/api/v1${path}`, sel.kind === 'tenant' && sel.via !== 'host' ? { tenant: sel.tenantId } : undefined);
}

/** Identifies a chosen file for the preview's cache key. */
export const fileKey = (f: File): string => `${f.name}|${f.size}|${f.lastModified}`;

export function useKinds() {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'kinds'],
    queryFn: () => api<{ kinds: KindSpec[] }>('/imports/kinds').then((r) => r.kinds),
    staleTime: Infinity,
  });
}

export function usePreview(kind: ImportKind, file: File | null) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'preview', kind, file ? fileKey(file) : null],
    enabled: file !== null,
    retry: false,
    staleTime: Infinity,
    gcTime: 60_000,
    queryFn: ({ signal }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file!.slice(0, PREVIEW_BYTES), file!.name);
      return api<Preview>('/imports/preview', { method: 'POST', body: form, signal });
    },
  });
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => {
      // Fields first, the file last: the server reads the options before the stream.
      const form = new FormData();
      form.append('kind', options.kind);
      form.append('dry_run', String(options.dryRun));
      form.append('unknown', options.unknown);
      if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
      if (options.dateOrder) form.append('date_order', options.dateOrder);
      if (options.decimal) form.append('decimal', options.decimal);
      form.append('file', file, file.name);
      return api<ImportRun>('/imports', { method: 'POST', body: form });
    },
    onSuccess: (run) => {
      qc.setQueryData([...IMPORTS_KEY, 'run', run.id], run);
      void qc.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'history'] });
    },
  });
}

/** One import, asked again every second while it is queued or running. */
export function useImportRun(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'run', id],
    enabled: id !== null,
    queryFn: async () => {
      const before = qc.getQueryData<ImportRun>([...IMPORTS_KEY, 'run', id]);
      const run = await api<ImportRun>(`/imports/${id}`);
      // Only the moment a run seen in progress ends (not opening an old one from the history).
      if (before && !finished(before) && finished(run)) {
        void qc.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'history'] });
        // Written data shows on every page at once (stock, products, sales, rates, audit).
        if (run.status === 'succeeded' && !run.dry_run) void qc.invalidateQueries({ predicate: (q) => !['imports', 'tenant', 'me'].includes(String(q.queryKey[0])) });
      }
      return run;
    },
    refetchInterval: (q) => (q.state.data && finished(q.state.data) ? false : POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: (q) => (q.state.data && finished(q.state.data) ? Infinity : 0),
  });
}

export function useHistory() {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'history'],
    queryFn: () => api<{ items: ImportRun[] }>('/imports', { query: { limit: HISTORY_LIMIT } }).then((r) => r.items),
    // An import started elsewhere (the CLI, an API key) moves on here too.
    refetchInterval: (q) => (q.state.data?.some((run) => !finished(run)) ? 2 * POLL_MS : false),
  });
}
