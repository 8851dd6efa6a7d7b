/**
 * Client-side sorting of the console's tables: a header button per column (aria-sort on the
 * header cell), nulls always last whatever the direction, ties broken by the row's id so the
 * order never jumps between refreshes.
 */
import type { ReactNode } from 'react';

export type Direction = 'asc' | 'desc';
export type SortValue = string | number | null;

export interface SortState<K extends string> {
  key: K;
  dir: Direction;
}

export function compareValues(a: SortValue, b: SortValue, dir: Direction): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { sensitivity: 'base', numeric: true });
  return dir === 'asc' ? c : -c;
}

export function sortRows<T, K extends string>(rows: readonly T[], state: SortState<K>, value: (row: T, key: K) => SortValue, tieBreak: (row: T) => string): T[] {
  return [...rows].sort((a, b) => compareValues(value(a, state.key), value(b, state.key), state.dir) || tieBreak(a).localeCompare(tieBreak(b)));
}

/** The next sort after a click on `key`: the same column flips, a new one starts at its natural direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, natural: Direction): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: natural };
}

export function ariaSort(active: boolean, dir: Direction): 'ascending' | 'descending' | 'none' {
  return active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
}

/** The header cell of a sortable column. */
export function SortHeader({
  label,
  active,
  dir,
  onSort,
  num,
  sortKey,
  rowSpan,
  title,
}: {
  label: ReactNode;
  active: boolean;
  dir: Direction;
  onSort: () => void;
  num?: boolean;
  sortKey: string;
  rowSpan?: number;
  title?: string;
}) {
  return (
    <th scope="col" className={num ? 'num' : undefined} aria-sort={ariaSort(active, dir)} rowSpan={rowSpan} title={title}>
      <button type="button" className="sort-button" onClick={onSort} data-sort={sortKey}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
