import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, daysBetween, isIsoDate, isValidTimeZone, localDate, todayIn } from './dates.js';

describe('localDate', () => {
  it.each([
    // Caracas is UTC−4 all year (no DST): before 04:00Z it is still the previous day there.
    ['2026-11-03T02:30:00Z', 'America/Caracas', '2026-11-02'],
    ['2026-11-03T03:59:59.999Z', 'America/Caracas', '2026-11-02'],
    ['2026-11-03T04:00:00Z', 'America/Caracas', '2026-11-03'],
    ['2026-11-03T02:30:00Z', 'UTC', '2026-11-03'],
    // New York: EDT (UTC−4) in July, EST (UTC−5) in January.
    ['2026-07-01T03:30:00Z', 'America/New_York', '2026-06-30'],
    ['2026-07-01T04:30:00Z', 'America/New_York', '2026-07-01'],
    ['2026-01-01T04:30:00Z', 'America/New_York', '2025-12-31'],
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01-01'],
    // East of UTC the day starts earlier.
    ['2026-12-31T15:00:00Z', 'Asia/Tokyo', '2027-01-01'],
    ['2026-03-01T10:30:00Z', 'Pacific/Kiritimati', '2026-03-02'],
    ['2024-02-29T12:00:00Z', 'Europe/Madrid', '2024-02-29'],
  ])('%s in %s is %s', (instant, tz, date) => {
    expect(localDate(new Date(instant), tz)).toBe(date);
  });

  it('refuses unknown zones and invalid instants', () => {
    expect(() => localDate(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDate(new Date('nope'), 'UTC')).toThrow(RangeError);
  });

  it('todayIn reads the given clock in the zone', () => {
    const now = new Date('2026-11-03T02:30:00Z');
    expect(todayIn('America/Caracas', now)).toBe('2026-11-02');
    expect(todayIn('UTC', now)).toBe('2026-11-03');
    expect(todayIn('UTC')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/Caracas', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ["America/Caracas' OR 1=1 --", false],
  ])('%s → %s', (tz, ok) => expect(isValidTimeZone(tz)).toBe(ok));
});

describe('isIsoDate', () => {
  it.each([
    ['2026-11-02', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-13-45', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['yesterday', false],
    ['2026-11-02T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-02', 1)).toBe('2026-11-03');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-02', -29)).toBe('2026-10-04');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-11-02', '2026-11-02')).toBe(0);
    expect(daysBetween('2026-11-02', '2026-11-03')).toBe(1);
    expect(daysBetween('2026-11-03', '2026-11-02')).toBe(-1);
    expect(daysBetween('2023-01-01', '2026-01-01')).toBe(1096);
    // DST changes do not make a day 23 or 25 hours long here: these are calendar days.
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('lists every date of a range, both ends included', () => {
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesBetween('2026-11-02', '2026-11-02')).toEqual(['2026-11-02']);
    expect(datesBetween('2026-11-03', '2026-11-02')).toEqual([]);
    expect(datesBetween('2024-01-01', '2024-12-31')).toHaveLength(366);
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2026-13-45', 1)).toThrow(RangeError);
    expect(() => daysBetween('yesterday', '2026-01-01')).toThrow(RangeError);
  });
});
