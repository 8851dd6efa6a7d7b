/** An import's record (and its live progress, while it runs here) as the API shows it. */
import type { ImportRecord } from './repository.js';
import type { ImportProgress } from './engine.js';
import type { ImportView } from './schema.js';

export function toView(r: ImportRecord, live?: ImportProgress): ImportView {
  const result = (r.result ?? {}) as Partial<Pick<ImportView, 'rows' | 'rejections' | 'reasons' | 'detected' | 'extra'>>;
  const facts = (r.facts ?? {}) as { format?: string; encoding?: string; delimiter?: string };
  const options = r.options as ImportView['options'];
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    dry_run: r.dry_run,
    source: r.source,
    file_name: r.file_name,
    size_bytes: Number(r.size_bytes),
    checksum: r.checksum,
    format: facts.format ?? null,
    encoding: facts.encoding ?? null,
    delimiter: facts.delimiter ?? null,
    options: { unknown: options.unknown ?? 'reject', mapping: options.mapping ?? null, decimal: options.decimal ?? null, date_order: options.date_order ?? null },
    detected: result.detected ?? null,
    progress: (live ?? r.progress) as ImportView['progress'],
    rows: result.rows ?? null,
    rejections: result.rejections ?? [],
    reasons: result.reasons ?? {},
    extra: result.extra ?? {},
    error: r.error,
    created_by: r.created_by,
    created_at: r.created_at,
    started_at: r.started_at,
    finished_at: r.finished_at,
    duration_ms: r.duration_ms,
  };
}
