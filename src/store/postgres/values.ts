/**
 * PostgreSQL result values → the Store's plain JSON row values, identical to what the DuckDB
 * adapter returns: BIGINT counts as numbers, NUMERIC as exact strings, DATE as 'YYYY-MM-DD',
 * TIMESTAMPTZ as ISO-8601 UTC strings with milliseconds, JSON parsed with keys sorted.
 *
 * The parsers are set per pool (not on the driver's global registry), so nothing else in the
 * process is affected.
 */
import pg from 'pg';
import { parseJsonColumn } from '../json.js';

const { types } = pg;

const OID = {
  int8: 20,
  json: 114,
  jsonb: 3802,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  int8Array: 1016,
  dateArray: 1182,
  timestamptzArray: 1185,
} as const;

const parseTimestamptz = types.getTypeParser(OID.timestamptz) as (v: string) => Date;
const parseArray = (element: (v: string) => unknown) => (v: string) => (types.arrayParser as unknown as { create(s: string, f: (x: string) => unknown): { parse(): unknown[] } }).create(v, element).parse();

const toIso = (v: string): string => parseTimestamptz(v).toISOString();
/** A timestamp without zone is read as UTC (the session time zone is UTC as well). */
const timestampToIso = (v: string): string => new Date(`${v.replace(' ', 'T')}Z`).toISOString();

const OVERRIDES = new Map<number, (v: string) => unknown>([
  [OID.int8, Number],
  [OID.json, parseJsonColumn],
  [OID.jsonb, parseJsonColumn],
  [OID.date, (v) => v],
  [OID.timestamp, timestampToIso],
  [OID.timestamptz, toIso],
  [OID.int8Array, parseArray(Number)],
  [OID.dateArray, parseArray((v) => v)],
  [OID.timestamptzArray, parseArray(toIso)],
]);

export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      const override = OVERRIDES.get(oid);
      if (override) return override;
    }
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};
