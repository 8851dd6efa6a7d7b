/** Results of `fluxion user|admin|apikey` as text for people (`--json` prints them as they are). */
import type { ResultOf } from './operations.js';
import { table } from './render.js';

/** An ISO instant to the minute, in UTC (the column header says so). */
const minute = (iso: string | null, none = 'never') => (iso ? iso.slice(0, 16).replace('T', ' ') : none);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A secret on a line of its own, easy to select and copy. */
const secret = (value: string) => ['', `  ${value}`, ''];

export function renderUserAdd(r: ResultOf<'user.add'>): string {
  if (r.created === 'user') {
    const u = r.user;
    return [`Created user ${u.email}${u.name ? ` (${u.name})` : ''} with role ${u.role} in tenant '${r.tenant}'.`, `They sign in at ${r.url}`].join('\n');
  }
  const i = r.invite;
  return [
    `Invited ${i.email} as ${i.role} to tenant '${r.tenant}'. Send them this single-use link, valid until ${minute(i.expires_at)} UTC:`,
    ...secret(i.invite_url),
    'It is shown only this once (only a hash of it is kept). Opening it, they choose their own password.',
    ...(r.nameIgnored ? ['The name was not kept: the invitee enters it when accepting.'] : []),
  ].join('\n');
}

export function renderUserList(r: ResultOf<'user.list'>): string {
  const parts: string[] = [];
  if (r.users.length === 0) {
    parts.push(`No users in tenant '${r.tenant}' yet. Add one with \`fluxion user add --tenant ${r.tenant} --email … --role owner\`.`);
  } else {
    const rows = r.users.map((u) => [u.email, u.name ?? '', u.role, u.status, minute(u.last_login_at)]);
    parts.push(table(['EMAIL', 'NAME', 'ROLE', 'STATUS', 'LAST LOGIN (UTC)'], rows, 60), '', `${plural(r.users.length, 'user')} in tenant '${r.tenant}'.`);
  }
  if (r.invites.length > 0) {
    const rows = r.invites.map((i) => [i.email, i.role, i.invited_by, minute(i.expires_at)]);
    parts.push('', 'Pending invitations:', table(['EMAIL', 'ROLE', 'INVITED BY', 'EXPIRES (UTC)'], rows, 60));
  }
  return parts.join('\n');
}

export function renderSetRole(r: ResultOf<'user.set-role'>): string {
  const u = r.user;
  return r.changed
    ? `Changed the role of ${u.email} in tenant '${r.tenant}' from ${r.from} to ${u.role}. Their sessions were ended: they sign in again to act as ${u.role}.`
    : `${u.email} already has the role ${u.role} in tenant '${r.tenant}'.`;
}

export function renderDisable(r: ResultOf<'user.disable'>): string {
  const u = r.user;
  return r.changed
    ? `Disabled ${u.email} in tenant '${r.tenant}': they can no longer sign in, and their sessions were ended. \`fluxion user enable ${u.email} --tenant ${r.tenant}\` undoes it.`
    : `${u.email} was already disabled in tenant '${r.tenant}'.`;
}

export function renderEnable(r: ResultOf<'user.enable'>): string {
  const u = r.user;
  return r.changed ? `Enabled ${u.email} in tenant '${r.tenant}': they can sign in again.` : `${u.email} was already active in tenant '${r.tenant}'.`;
}

export function renderResetPassword(r: ResultOf<'user.reset-password'>): string {
  const ended = `${plural(r.sessionsEnded, 'session')} ended; they sign in at ${r.url}`;
  if (r.password === undefined) return `Set a new password for ${r.user.email} in tenant '${r.tenant}'. ${ended}.`;
  return [
    `New password for ${r.user.email} in tenant '${r.tenant}':`,
    ...secret(r.password),
    `Shown only this once: pass it on over a safe channel, and have them change it after signing in. ${ended}.`,
  ].join('\n');
}

export function renderAdminAdd(r: ResultOf<'admin.add'>): string {
  const a = r.admin;
  const created = `Created platform admin ${a.email}${a.name ? ` (${a.name})` : ''}. They sign in at ${r.url}`;
  if (r.password === undefined) return created;
  return [created, '', 'Their password:', ...secret(r.password), 'Shown only this once: keep it in a password manager.'].join('\n');
}

export function renderAdminList(r: ResultOf<'admin.list'>): string {
  if (r.admins.length === 0) return 'No platform admins yet. Add one with `fluxion admin add --email …`.';
  const rows = r.admins.map((a) => [a.email, a.name ?? '', a.status, minute(a.created_at), minute(a.last_login_at)]);
  return `${table(['EMAIL', 'NAME', 'STATUS', 'CREATED (UTC)', 'LAST LOGIN (UTC)'], rows, 60)}\n\n${plural(r.admins.length, 'platform admin')}.`;
}

export function renderApiKeyCreate(r: ResultOf<'apikey.create'>): string {
  const k = r.apiKey;
  return [
    `Created API key '${k.name}' with role ${k.role} for tenant '${r.tenant}' (id ${k.id}):`,
    ...secret(k.key),
    'Copy it now: it will not be shown again (only its hash is kept).',
    'Send it as `Authorization: Bearer <key>`.',
  ].join('\n');
}

export function renderApiKeyList(r: ResultOf<'apikey.list'>): string {
  if (r.apiKeys.length === 0) {
    return `No API keys in tenant '${r.tenant}'. Create one with \`fluxion apikey create --tenant ${r.tenant} --name "…" --role staff\`.`;
  }
  const rows = r.apiKeys.map((k) => [
    `${k.prefix}…`,
    k.name,
    k.role,
    k.revoked_at ? `revoked ${minute(k.revoked_at)}` : 'active',
    minute(k.created_at),
    minute(k.last_used_at),
    k.id,
  ]);
  const active = r.apiKeys.filter((k) => k.revoked_at === null).length;
  return `${table(['PREFIX', 'NAME', 'ROLE', 'STATUS', 'CREATED (UTC)', 'LAST USED (UTC)', 'ID'], rows, 60)}\n\n${plural(r.apiKeys.length, 'API key')} in tenant '${r.tenant}', ${active} active.`;
}

export function renderApiKeyRevoke(r: ResultOf<'apikey.revoke'>): string {
  const k = r.apiKey;
  return r.changed
    ? `Revoked API key '${k.name}' (${k.prefix}…, role ${k.role}) of tenant '${r.tenant}': its next use is refused (401).`
    : `API key '${k.name}' (${k.prefix}…) of tenant '${r.tenant}' was already revoked.`;
}
