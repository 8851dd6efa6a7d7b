/**
 * Calendar days in a tenant's time zone as UTC instants. A filter "from 2026-11-02 to 2026-11-02"
 * means that day as the tenant lives it (America/Caracas is UTC−4), not the UTC day; computing the
 * bounds here keeps the SQL plain `created_at >= $n::TIMESTAMPTZ` on every backend.
 */

/** Milliseconds the zone is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    // Settings are validated on write; a zone the runtime does not know falls back to UTC rather than failing reads.
    return 'UTC';
  }
}

/** The instant (ISO, UTC) at which `date` ('YYYY-MM-DD') plus `addDays` begins in `timeZone`. */
export function startOfDay(date: string, timeZone: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const zone = validZone(timeZone);
  const wall = Date.UTC(y, m - 1, d + addDays);
  // Two passes settle the offset when midnight sits near a DST change.
  let instant = wall - zoneOffsetMs(wall, zone);
  instant = wall - zoneOffsetMs(instant, zone);
  return new Date(instant).toISOString();
}
