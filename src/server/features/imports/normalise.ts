/**
 * Records of the file → canonical staging rows. Each mapped cell is trimmed and parsed by its
 * column's type (numbers in the file's decimal style, dates in its date order, date-times in the
 * tenant's time zone); a cell that does not parse rejects its row with the line, column, value and
 * reason. Accepted rows become one line of canonical CSV each (ISO dates, UTC instants, '.'
 * decimals), which the database loads in bulk (Queryable.stage).
 */
import { parseBoolean, parseDate, parseDateTime, parseDecimal, parseInteger, type DateOrder, type DecimalStyle } from './read/values.js';
import type { ColumnSpec, KindSpec } from './kinds/columns.js';
import type { RejectReason, Rejections } from './rejections.js';

export interface NormaliseOptions {
  decimal: DecimalStyle;
  dateOrder: DateOrder;
  timeZone: string;
  /** Instants later than this (ISO) are refused as future dates (sales). */
  latest: string;
}

/** For each canonical column of the kind, the index of its cell in a record (or -1). */
export type ColumnIndex = readonly number[];

/** A cell's canonical CSV text (already quoted where needed; a date-time is two fields), or why not. */
class Failure {
  constructor(
    readonly reason: RejectReason,
    readonly message: string,
  ) {}
}
type Parsed = string | Failure;

const EARLIEST = '2000-01-01';

export class Normaliser {
  /** Rows accepted into the staging file. */
  accepted = 0;
  /** Rows rejected here (before any database check). */
  rejected = 0;
  private readonly parsers: Array<(text: string) => Parsed>;
  /** Per column, the last text parsed and its result. */
  private readonly lastRaw: Array<string | undefined>;
  private readonly lastParsed: Array<Parsed | undefined>;

  constructor(
    private readonly spec: Pick<KindSpec, 'columns'>,
    private readonly index: ColumnIndex,
    private readonly headerWidth: number,
    private readonly options: NormaliseOptions,
    private readonly rejections: Rejections,
  ) {
    this.parsers = spec.columns.map((c) => parserFor(c, options));
    this.lastRaw = spec.columns.map(() => undefined);
    this.lastParsed = spec.columns.map(() => undefined);
  }

  /** The canonical CSV lines of a batch's accepted rows. */
  batch(lines: readonly number[], rows: readonly string[][]): string {
    let out = '';
    const columns = this.spec.columns;
    const width = columns.length;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r]!;
      const line = lines[r]!;
      if (cells.length > this.headerWidth && cells.slice(this.headerWidth).some((c) => c.trim() !== '')) {
        this.reject({ line, column: null, value: null, reason: 'field_count', message: `${cells.length} fields where the header has ${this.headerWidth}: a value may contain the delimiter without quotes.` });
        continue;
      }
      let text = String(line);
      let bad = false;
      for (let c = 0; c < width; c++) {
        const col = columns[c]!;
        const at = this.index[c]!;
        const raw = at < 0 ? '' : trim(cells[at]);
        if (raw === '') {
          if (col.required) {
            bad = true;
            this.rejections.add({ line, column: col.name, value: '', reason: 'required', message: `'${col.name}' is empty.` });
          }
          text += col.type === 'datetime' ? ',,' : ',';
          continue;
        }
        // Consecutive rows often repeat a cell (the ticket, store and instant of a ticket's lines):
        // the parse of the previous row's text is reused.
        let parsed: Parsed;
        if (raw === this.lastRaw[c]) parsed = this.lastParsed[c]!;
        else {
          parsed = this.parsers[c]!(raw);
          this.lastRaw[c] = raw;
          this.lastParsed[c] = parsed;
        }
        if (parsed instanceof Failure) {
          bad = true;
          this.rejections.add({ line, column: col.name, value: raw, reason: parsed.reason, message: parsed.message });
          continue;
        }
        text += ',' + parsed;
      }
      if (bad) {
        this.rejected++;
        continue;
      }
      out += text + '\n';
      this.accepted++;
    }
    return out;
  }

  private reject(r: Parameters<Rejections['add']>[0]): void {
    this.rejected++;
    this.rejections.add(r);
  }
}

/** Text as a CSV field: quoted only when it must be. */
function csvField(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch === 44 || ch === 34 || ch === 10 || ch === 13) return `"${v.replaceAll('"', '""')}"`;
  }
  return v;
}

/** String#trim, without a new string for the common cell that has no surrounding space. */
function trim(v: string | undefined): string {
  if (v === undefined || v.length === 0) return '';
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  return first > 32 && first !== 160 && last > 32 && last !== 160 ? v : v.trim();
}

/** Round a canonical decimal ('-12.345') to `scale` digits, half away from zero. */
export function roundDecimal(value: string, scale: number): string {
  const dot = value.indexOf('.');
  if (dot < 0 || value.length - dot - 1 <= scale) return value;
  const neg = value.startsWith('-');
  const [int = '0', frac = ''] = (neg ? value.slice(1) : value).split('.');
  if (frac.length <= scale) return value;
  const digits = BigInt(int + frac.slice(0, scale));
  const up = frac.charCodeAt(scale) >= 53; // '5'
  const n = (digits + (up ? 1n : 0n)).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? n : `${n.slice(0, -scale)}.${n.slice(-scale)}`;
  return neg && /[1-9]/.test(text) ? `-${text}` : text;
}

function parserFor(col: ColumnSpec, o: NormaliseOptions): (text: string) => Parsed {
  const range = (n: number, text: string): Parsed | null =>
    (col.min !== undefined && n < col.min) || (col.max !== undefined && n > col.max)
      ? new Failure('out_of_range', `'${col.name}' must be ${rangeText(col)}; got ${text}.`)
      : null;
  switch (col.type) {
    case 'integer':
      return (text) => {
        const n = parseInteger(text, o.decimal);
        if (n === null) return new Failure('invalid_integer', `'${col.name}' must be a whole number; got '${text}'.`);
        return range(n, text) ?? String(n);
      };
    case 'decimal':
      return (text) => {
        const d = parseDecimal(text, o.decimal);
        if (d === null) return new Failure('invalid_number', `'${col.name}' must be a number (decimal ${o.decimal === 'comma' ? 'comma: 1.234,56' : 'point: 1,234.56'}); got '${text}'.`);
        const value = col.scale === undefined ? d : roundDecimal(d, col.scale);
        return range(Number(value), text) ?? value;
      };
    case 'date':
      return (text) => {
        const d = parseDate(text, o.dateOrder);
        if (d === null) return new Failure('invalid_date', `'${col.name}' must be a date (${dateHint(o.dateOrder)}); got '${text}'.`);
        if (d < EARLIEST) return new Failure('out_of_range', `'${col.name}' (${d}) is before ${EARLIEST}.`);
        return d;
      };
    case 'datetime':
      return (text) => {
        const d = parseDateTime(text, o.dateOrder, o.timeZone);
        if (d === null) return new Failure('invalid_datetime', `'${col.name}' must be a date or date and time (${dateHint(o.dateOrder)} hh:mm, in ${o.timeZone}); got '${text}'.`);
        if (d.date < EARLIEST) return new Failure('out_of_range', `'${col.name}' (${d.date}) is before ${EARLIEST}.`);
        if (d.instant > o.latest) return new Failure('future_date', `'${col.name}' (${d.instant}) is in the future.`);
        return `${d.instant},${d.date}`;
      };
    case 'boolean':
      return (text) => {
        const b = parseBoolean(text);
        if (b === undefined || b === null) return new Failure('invalid_boolean', `'${col.name}' must be yes/no (sí/no, true/false, 1/0); got '${text}'.`);
        return String(b);
      };
    case 'currency':
      return (text) => {
        const c = text.toUpperCase();
        return /^[A-Z]{3}$/.test(c) ? c : new Failure('invalid_value', `'${col.name}' must be a 3-letter currency code (VES, USD); got '${text}'.`);
      };
    case 'enum':
      return (text) => {
        const v = col.values?.[text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')];
        return v === undefined ? new Failure('invalid_value', `'${col.name}' must be one of ${[...new Set(Object.values(col.values ?? {}))].join(', ')}; got '${text}'.`) : v;
      };
    case 'text':
    case 'reference':
      return (text) =>
        col.maxLength !== undefined && text.length > col.maxLength ? new Failure('too_long', `'${col.name}' is longer than ${col.maxLength} characters.`) : csvField(text);
  }
}

function rangeText(col: ColumnSpec): string {
  if (col.min !== undefined && col.max !== undefined) return `between ${col.min} and ${col.max}`;
  return col.min !== undefined ? `at least ${col.min}` : `at most ${col.max}`;
}

function dateHint(order: DateOrder): string {
  return order === 'dmy' ? 'dd/mm/yyyy or yyyy-mm-dd' : order === 'mdy' ? 'mm/dd/yyyy or yyyy-mm-dd' : 'yyyy-mm-dd';
}
