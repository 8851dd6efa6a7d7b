/** Import options from text fields (multipart form or CLI flags), validated with clear 400s. */
import { AppError } from '../../errors.js';
import { IMPORT_KINDS, type ImportKind } from '../../../store/migrations/006_imports.js';
import type { ImportOptions } from './engine.js';

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new AppError('validation_error', `'${name}' must be one of ${allowed.join(', ')}; got '${value.slice(0, 40)}'.`);
  return value as T;
};

export function parseKind(value: string | undefined): ImportKind {
  const kind = oneOf('kind', value, IMPORT_KINDS);
  if (!kind) throw new AppError('validation_error', `'kind' is required: one of ${IMPORT_KINDS.join(', ')}.`);
  return kind;
}

export function parseOptions(fields: Record<string, string | undefined>): ImportOptions {
  const dry = oneOf('dry_run', fields.dry_run?.toLowerCase(), ['true', 'false', '1', '0']);
  let mapping: Record<string, string | null> | undefined;
  if (fields.mapping) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.mapping);
    } catch {
      throw new AppError('validation_error', "'mapping' must be a JSON object: {\"Header\": \"column\" or null}.");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => v === null || typeof v === 'string')) {
      throw new AppError('validation_error', "'mapping' must be a JSON object: {\"Header\": \"column\" or null}.");
    }
    mapping = parsed as Record<string, string | null>;
  }
  const known = new Set(['kind', 'dry_run', 'unknown', 'mapping', 'decimal', 'date_order']);
  const extra = Object.keys(fields).filter((k) => !known.has(k) && fields[k] !== undefined);
  if (extra.length > 0) throw new AppError('validation_error', `Unknown field(s): ${extra.map((k) => `'${k.slice(0, 40)}'`).join(', ')}.`);
  return {
    kind: parseKind(fields.kind),
    dryRun: dry === 'true' || dry === '1',
    createUnknown: oneOf('unknown', fields.unknown, ['reject', 'create']) === 'create',
    mapping,
    decimal: oneOf('decimal', fields.decimal, ['comma', 'dot']),
    dateOrder: oneOf('date_order', fields.date_order, ['dmy', 'mdy', 'ymd']),
  };
}
