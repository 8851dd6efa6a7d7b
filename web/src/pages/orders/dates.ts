/** The calendar day of an instant in the tenant's time zone: the day an order's amounts are converted at. */
import { localDate } from '../../../../src/shared/dates';

export function dayOf(iso: string, timeZone: string): string {
  try {
    return localDate(new Date(iso), timeZone);
  } catch {
    return iso.slice(0, 10);
  }
}
