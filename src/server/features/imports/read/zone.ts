/**
 * UTC offsets of a time zone, fast enough for a million-row import. Intl formatting costs
 * microseconds per call, far too slow per row; offsets only change at DST transitions, which fall
 * on whole hours, so each result is cached per (zone, hour) — after checking that it holds for the
 * whole hour, so a zone with a transition inside an hour is still answered right (uncached).
 *
 * Local wall times that do not exist (the spring-forward gap) or exist twice (the fall-back
 * overlap) take the offset in force before the transition: 02:30 in Madrid's March gap is read as
 * 02:30+01:00 (= 03:30 CEST), and 02:30 in its October overlap as the first 02:30 (+02:00). That
 * is the "compatible" choice of JavaScript's Temporal and of most databases.
 */
import { isValidTimeZone } from '../../../../shared/dates.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Cached hours per zone before a cache is cleared (about eleven years of distinct hours). */
const MAX_CACHED = 100_000;

class ZoneOffsets {
  private readonly byUtcHour = new Map<number, number>();
  /** Wall hour → [offset used to read the wall time, offset in force at the resulting instant]. */
  private readonly byWallHour = new Map<number, readonly [number, number]>();
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  private compute(instant: number): number {
    const at = Math.floor(instant / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of this.format.formatToParts(at)) p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
  }

  /** Milliseconds the zone is ahead of UTC at `instant`. */
  offsetAt(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    const cached = this.byUtcHour.get(hour);
    if (cached !== undefined) return cached;
    const offset = this.compute(instant);
    if (this.compute(hour * HOUR) === offset && this.compute(hour * HOUR + HOUR - 1000) === offset) {
      if (this.byUtcHour.size >= MAX_CACHED) this.byUtcHour.clear();
      this.byUtcHour.set(hour, offset);
    }
    return offset;
  }

  private resolveUncached(wall: number): readonly [number, number] {
    const before = this.offsetAt(wall - DAY);
    const after = this.offsetAt(wall + DAY);
    let used = before;
    if (this.offsetAt(wall - before) !== before && this.offsetAt(wall - after) === after) used = after;
    return [used, this.offsetAt(wall - used)];
  }

  /** For a wall time (its fields read as if UTC): the offset to subtract, and the offset in force then. */
  resolve(wall: number): readonly [number, number] {
    const hour = Math.floor(wall / HOUR);
    const cached = this.byWallHour.get(hour);
    if (cached) return cached;
    const result = this.resolveUncached(wall);
    const first = this.resolveUncached(hour * HOUR);
    const last = this.resolveUncached(hour * HOUR + HOUR - 1000);
    if (first[0] === result[0] && first[1] === result[1] && last[0] === result[0] && last[1] === result[1]) {
      if (this.byWallHour.size >= MAX_CACHED) this.byWallHour.clear();
      this.byWallHour.set(hour, result);
    }
    return result;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The offsets of `timeZone`; a zone the runtime does not know counts as UTC (as in shared/dates.ts). */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let z = zones.get(timeZone);
  if (!z) {
    z = new ZoneOffsets(isValidTimeZone(timeZone) ? timeZone : 'UTC');
    zones.set(timeZone, z);
  }
  return z;
}
