/**
 * Why a row was rejected, in the user's language. The server sends a reason code (RejectReason in
 * src/server/features/imports/rejections.ts) and an English message; a code this page does not
 * know yet shows the server's message.
 */
import type { Translate } from '../../app/i18n';
import type { Rejection } from './types';

export const REASONS = [
  'required',
  'required_for_new',
  'invalid_number',
  'invalid_integer',
  'invalid_date',
  'invalid_datetime',
  'invalid_boolean',
  'invalid_value',
  'out_of_range',
  'too_long',
  'field_count',
  'future_date',
  'duplicate_key',
  'unknown_product',
  'unknown_store',
  'unknown_supplier',
  'different_from_stored',
  'no_exchange_rate',
  'older_than_ledger',
  'discount_exceeds_total',
] as const;

type Reason = (typeof REASONS)[number];
const known = (reason: string): reason is Reason => (REASONS as readonly string[]).includes(reason);

export function reasonText(t: Translate, reason: string, message?: string): string {
  return known(reason) ? t(`imports.reason.${reason}`) : (message ?? reason);
}

export function rejectionText(t: Translate, r: Rejection): string {
  return reasonText(t, r.reason, r.message);
}
