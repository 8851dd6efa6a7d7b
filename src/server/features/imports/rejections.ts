/**
 * Rejected rows of one import: the first MAX_KEPT with line, column, value and reason, and a total
 * per reason over the whole file (a million bad rows cost a counter, not memory).
 */
export const MAX_KEPT = 1000;

export type RejectReason =
  | 'required'
  | 'required_for_new'
  | 'invalid_number'
  | 'invalid_integer'
  | 'invalid_date'
  | 'invalid_datetime'
  | 'invalid_boolean'
  | 'invalid_value'
  | 'out_of_range'
  | 'too_long'
  | 'field_count'
  | 'future_date'
  | 'duplicate_key'
  | 'unknown_product'
  | 'unknown_store'
  | 'unknown_supplier'
  | 'different_from_stored'
  | 'no_exchange_rate'
  | 'older_than_ledger'
  | 'discount_exceeds_total';

export interface Rejection {
  line: number;
  column: string | null;
  value: string | null;
  reason: RejectReason;
  message: string;
}

export class Rejections {
  readonly kept: Rejection[] = [];
  readonly totals: Partial<Record<RejectReason, number>> = {};
  /** Distinct rejected lines (a row can fail on several columns). */
  private readonly lines = new Set<number>();
  private extraLines = 0;

  add(r: Rejection): void {
    this.totals[r.reason] = (this.totals[r.reason] ?? 0) + 1;
    if (this.kept.length < MAX_KEPT) this.kept.push({ ...r, value: r.value === null ? null : r.value.slice(0, 200) });
    if (this.lines.size < 1_000_000) this.lines.add(r.line);
    else this.extraLines++;
  }

  /** Add `count` rejections found in SQL, of which `sample` are the first ones. */
  addCounted(reason: RejectReason, count: number, sample: readonly Rejection[]): void {
    if (count === 0) return;
    for (const r of sample) this.add(r);
    const rest = count - sample.length;
    if (rest > 0) {
      this.totals[reason] = (this.totals[reason] ?? 0) + rest;
      this.extraLines += rest;
    }
  }

  /** Rows rejected (lines, not reasons). */
  get rows(): number {
    return this.lines.size + this.extraLines;
  }

  get any(): boolean {
    return this.kept.length > 0 || this.extraLines > 0;
  }

  /** Kept rejections in file order. */
  sorted(): Rejection[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}
