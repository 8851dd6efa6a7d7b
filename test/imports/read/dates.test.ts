/**
 * Dates and date-times: formats, date order, invalid dates, two-digit years, and time zones —
 * near midnight in Caracas and across Madrid's DST gap and overlap.
 */
import { describe, expect, it } from 'vitest';
import { detectDateOrder, parseDate, parseDateTime } from '../../../src/server/features/imports/read/values.js';

describe('parseDate', () => {
  it('reads ISO and day-first dates with any separator', () => {
    expect(parseDate('2026-11-27', 'dmy')).toBe('2026-11-27');
    expect(parseDate('27/11/2026', 'dmy')).toBe('2026-11-27');
    expect(parseDate('27-11-2026', 'dmy')).toBe('2026-11-27');
    expect(parseDate('27.11.2026', 'dmy')).toBe('2026-11-27');
    expect(parseDate('7/3/2026', 'dmy')).toBe('2026-03-07');
    expect(parseDate(' 2026/3/7 ', 'dmy')).toBe('2026-03-07');
    expect(parseDate('20261127', 'dmy')).toBe('2026-11-27');
  });

  it('reads month-first dates when told, and ISO in any order', () => {
    expect(parseDate('11/27/2026', 'mdy')).toBe('2026-11-27');
    expect(parseDate('3/7/2026', 'mdy')).toBe('2026-03-07');
    expect(parseDate('2026-11-27', 'mdy')).toBe('2026-11-27');
    expect(parseDate('26-11-27', 'ymd')).toBe('2026-11-27');
    expect(parseDate('27/11/2026', 'ymd')).toBe('2026-11-27');
  });

  it('reads two-digit years as 20yy', () => {
    expect(parseDate('27/11/26', 'dmy')).toBe('2026-11-27');
    expect(parseDate('01/02/05', 'mdy')).toBe('2005-01-02');
  });

  it('ignores a time part', () => {
    expect(parseDate('27/11/2026 23:30', 'dmy')).toBe('2026-11-27');
    expect(parseDate('2026-11-27T23:30:00.000Z', 'dmy')).toBe('2026-11-27');
    expect(parseDate('27/11/2026 11:30 p. m.', 'dmy')).toBe('2026-11-27');
  });

  it('refuses dates that do not exist and garbage', () => {
    for (const t of ['31/02/2026', '29/02/2026', '2026-13-01', '00/01/2026', '32/01/2026', '11/27/2026', '27/11/226', '2026-11', 'ayer', '', '27/11-2026', '27/11/2026 mañana', '27/11/2026 24:00']) {
      expect(parseDate(t, 'dmy'), t).toBeNull();
    }
    expect(parseDate('29/02/2028', 'dmy')).toBe('2028-02-29');
    expect(parseDate('27/11/2026', 'mdy')).toBeNull();
  });
});

describe('detectDateOrder', () => {
  it('guesses from the parts', () => {
    expect(detectDateOrder(['2026-11-27', '2026-01-02'])).toBe('ymd');
    expect(detectDateOrder(['01/02/2026', '27/11/2026'])).toBe('dmy');
    expect(detectDateOrder(['01/02/2026', '11/27/2026'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2026', '03/04/2026'])).toBe('dmy');
    expect(detectDateOrder([])).toBe('dmy');
  });
});

describe('parseDateTime', () => {
  const CARACAS = 'America/Caracas'; // UTC−4 all year

  it('reads local times near midnight in Caracas: the instant is the next UTC day, the date is local', () => {
    expect(parseDateTime('27/11/2026 23:30', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T03:30:00.000Z', date: '2026-11-27' });
    expect(parseDateTime('28/11/2026 00:15', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T04:15:00.000Z', date: '2026-11-28' });
    expect(parseDateTime('27/11/2026 11:30 p. m.', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T03:30:00.000Z', date: '2026-11-27' });
    expect(parseDateTime('2026-11-27T23:59:59.999', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T03:59:59.999Z', date: '2026-11-27' });
  });

  it('reads a date alone as local midnight', () => {
    expect(parseDateTime('27/11/2026', 'dmy', CARACAS)).toEqual({ instant: '2026-11-27T04:00:00.000Z', date: '2026-11-27' });
  });

  it('reads instants with Z or an offset as absolute, and gives their local date', () => {
    expect(parseDateTime('2026-11-28T02:00:00Z', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T02:00:00.000Z', date: '2026-11-27' });
    expect(parseDateTime('2026-11-28 05:00:00+01:00', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T04:00:00.000Z', date: '2026-11-28' });
    expect(parseDateTime('2026-11-28 03:30:00+00', 'dmy', CARACAS)).toEqual({ instant: '2026-11-28T03:30:00.000Z', date: '2026-11-27' });
    expect(parseDateTime('2026-11-27T23:30-0400', 'dmy', 'UTC')).toEqual({ instant: '2026-11-28T03:30:00.000Z', date: '2026-11-28' });
  });

  it('reads 12-hour clocks, seconds and fractions', () => {
    expect(parseDateTime('27/11/2026 12:05 a. m.', 'dmy', 'UTC')?.instant).toBe('2026-11-27T00:05:00.000Z');
    expect(parseDateTime('27/11/2026 12:05 PM', 'dmy', 'UTC')?.instant).toBe('2026-11-27T12:05:00.000Z');
    expect(parseDateTime('11/27/2026 1:05:09pm', 'mdy', 'UTC')?.instant).toBe('2026-11-27T13:05:09.000Z');
    expect(parseDateTime('2026-11-27 10:00:00.5', 'dmy', 'UTC')?.instant).toBe('2026-11-27T10:00:00.500Z');
    expect(parseDateTime('27/11/2026 13:05 PM', 'dmy', 'UTC')).toBeNull();
    expect(parseDateTime('27/11/2026 10:60', 'dmy', 'UTC')).toBeNull();
    expect(parseDateTime('31/02/2026 10:00', 'dmy', 'UTC')).toBeNull();
    expect(parseDateTime('ayer', 'dmy', 'UTC')).toBeNull();
  });

  describe('in a DST zone (Europe/Madrid)', () => {
    const MADRID = 'Europe/Madrid'; // CET +01:00, CEST +02:00; 2026: forward 29 March 02:00, back 25 October 03:00

    it('reads times on either side of the transitions with the right offset', () => {
      expect(parseDateTime('29/03/2026 01:30', 'dmy', MADRID)?.instant).toBe('2026-03-29T00:30:00.000Z');
      expect(parseDateTime('29/03/2026 03:30', 'dmy', MADRID)?.instant).toBe('2026-03-29T01:30:00.000Z');
      expect(parseDateTime('15/07/2026 12:00', 'dmy', MADRID)?.instant).toBe('2026-07-15T10:00:00.000Z');
      expect(parseDateTime('25/10/2026 03:30', 'dmy', MADRID)?.instant).toBe('2026-10-25T02:30:00.000Z');
    });

    it('reads a time in the spring-forward gap with the earlier offset (02:30 → 03:30 CEST)', () => {
      expect(parseDateTime('29/03/2026 02:30', 'dmy', MADRID)).toEqual({ instant: '2026-03-29T01:30:00.000Z', date: '2026-03-29' });
      expect(parseDateTime('29/03/2026 02:00', 'dmy', MADRID)?.instant).toBe('2026-03-29T01:00:00.000Z');
    });

    it('reads a time in the fall-back overlap as its first occurrence', () => {
      expect(parseDateTime('25/10/2026 02:30', 'dmy', MADRID)?.instant).toBe('2026-10-25T00:30:00.000Z');
    });

    it('gives the local date of an instant across the offset change', () => {
      expect(parseDateTime('2026-07-14T22:30:00Z', 'dmy', MADRID)?.date).toBe('2026-07-15');
      expect(parseDateTime('2026-01-14T22:30:00Z', 'dmy', MADRID)?.date).toBe('2026-01-14');
    });
  });

  it('answers every hour of a year like Intl does (the per-hour cache is exact)', () => {
    const zone = 'America/Santiago'; // DST with transitions at local midnight
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 60_000) {
      const iso = new Date(t).toISOString();
      expect(parseDateTime(iso, 'dmy', zone)?.date, iso).toBe(fmt.format(t));
    }
  });

  it('reads every local wall time of a year back to an instant showing that wall time', () => {
    const zone = 'America/Santiago';
    const wallOf = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    let overlaps = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 60_000) {
      const wall = wallOf.format(t); // '2026-04-04 23:01:00'
      const parsed = parseDateTime(wall, 'dmy', zone);
      const instant = Date.parse(parsed!.instant);
      expect(wallOf.format(instant), wall).toBe(wall);
      expect(parsed!.date).toBe(wall.slice(0, 10));
      // Only a wall time that occurs twice may come back as the earlier occurrence.
      if (instant !== t) {
        expect(t - instant).toBe(3_600_000);
        overlaps++;
      }
    }
    expect(overlaps).toBeGreaterThan(0);
  });
});
