/**
 * The audit actions the product records, grouped by family, each with a readable label. An action
 * not listed here (a newer server) still shows, by its raw code.
 */
import type { MessageKey } from '../../i18n';

export interface ActionGroup {
  /** The family prefix the API filters on, e.g. "auth." */
  prefix: string;
  label: MessageKey;
  actions: ReadonlyArray<readonly [code: string, label: MessageKey]>;
}

export const ACTION_GROUPS: readonly ActionGroup[] = [
  {
    prefix: 'auth.',
    label: 'audit.group.auth',
    actions: [
      ['auth.login', 'audit.action.auth.login'],
      ['auth.logout', 'audit.action.auth.logout'],
      ['auth.login_failed', 'audit.action.auth.login_failed'],
      ['auth.lockout', 'audit.action.auth.lockout'],
    ],
  },
  {
    prefix: 'user.',
    label: 'audit.group.user',
    actions: [
      ['user.created', 'audit.action.user.created'],
      ['user.role_changed', 'audit.action.user.role_changed'],
      ['user.disabled', 'audit.action.user.disabled'],
      ['user.enabled', 'audit.action.user.enabled'],
      ['user.updated', 'audit.action.user.updated'],
      ['user.password_changed', 'audit.action.user.password_changed'],
      ['user.password_reset', 'audit.action.user.password_reset'],
    ],
  },
  {
    prefix: 'invite.',
    label: 'audit.group.invite',
    actions: [
      ['invite.created', 'audit.action.invite.created'],
      ['invite.accepted', 'audit.action.invite.accepted'],
      ['invite.revoked', 'audit.action.invite.revoked'],
    ],
  },
  {
    prefix: 'apikey.',
    label: 'audit.group.apikey',
    actions: [
      ['apikey.created', 'audit.action.apikey.created'],
      ['apikey.revoked', 'audit.action.apikey.revoked'],
    ],
  },
  {
    prefix: 'tenant.',
    label: 'audit.group.tenant',
    actions: [
      ['tenant.settings_changed', 'audit.action.tenant.settings_changed'],
      ['tenant.logo_changed', 'audit.action.tenant.logo_changed'],
      ['tenant.logo_removed', 'audit.action.tenant.logo_removed'],
    ],
  },
  {
    prefix: 'exchange_rate.',
    label: 'audit.group.rates',
    actions: [['exchange_rate.set', 'audit.action.exchange_rate.set']],
  },
  {
    prefix: 'impersonation.',
    label: 'audit.group.impersonation',
    actions: [
      ['impersonation.start', 'audit.action.impersonation.start'],
      ['impersonation.end', 'audit.action.impersonation.end'],
    ],
  },
  {
    prefix: 'order.',
    label: 'audit.group.order',
    actions: [
      ['order.created', 'audit.action.order.created'],
      ['order.submitted', 'audit.action.order.submitted'],
      ['order.received', 'audit.action.order.received'],
      ['order.cancelled', 'audit.action.order.cancelled'],
    ],
  },
  { prefix: 'sale.', label: 'audit.group.sale', actions: [['sale.recorded', 'audit.action.sale.recorded']] },
  { prefix: 'inventory.', label: 'audit.group.inventory', actions: [['inventory.adjusted', 'audit.action.inventory.adjusted']] },
];

const LABELS = new Map<string, MessageKey>(ACTION_GROUPS.flatMap((g) => g.actions.map(([code, label]) => [code, label] as const)));
const FAMILIES = new Map<string, MessageKey>(ACTION_GROUPS.map((g) => [g.prefix, g.label] as const));

/** The label of an exact action, or null for an action this version does not know. */
export function actionLabel(code: string): MessageKey | null {
  return LABELS.get(code) ?? null;
}

/** The label of a filter value: an exact action or a family prefix ("auth."). */
export function filterLabel(value: string): MessageKey | null {
  return LABELS.get(value) ?? FAMILIES.get(value) ?? null;
}

const TARGETS: Record<string, MessageKey> = {
  user: 'audit.target.user',
  invite: 'audit.target.invite',
  apikey: 'audit.target.apikey',
  tenant: 'audit.target.tenant',
  order: 'audit.target.order',
  sale: 'audit.target.sale',
  inventory: 'audit.target.inventory',
  inventory_movement: 'audit.target.inventory',
  exchange_rate: 'audit.target.exchange_rate',
};

export function targetLabel(type: string): MessageKey | null {
  return TARGETS[type] ?? null;
}
