/** Operation results as text for people (`--json` prints them as they are). */
import type { DemoReport } from '../demo/index.js';
import type { MigrateDataReport } from '../store/transfer/migrate-data.js';
import type { ResultOf, TenantView } from './operations.js';

const n = (x: number) => x.toLocaleString('en-US');

function cut(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

/** A plain text table: a header row and left-aligned columns, two spaces apart. */
export function table(headers: string[], rows: string[][], maxWidth = 40): string {
  const cells = [headers, ...rows].map((r) => r.map((c) => cut(c, maxWidth)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

export function renderMigrate(r: ResultOf<'migrate'>): string {
  const lines = [`Database: ${r.database}`];
  if (r.applied.length === 0) lines.push(`Schema is up to date (version ${r.current}); nothing to apply.`);
  else {
    for (const m of r.applied) lines.push(`Applied migration ${m.version} (${m.name}).`);
    lines.push(`Schema is now at version ${r.current}.`);
  }
  return lines.join('\n');
}

export function renderTenantList(r: ResultOf<'tenant.list'>): string {
  if (r.tenants.length === 0) {
    return 'No tenants yet. Create one with `fluxion tenant create <id> --name "…"`, or load the demo data with `fluxion demo`.';
  }
  const rows = r.tenants.map((t) => [t.id, t.name, t.status, t.plan, t.settings.currency, t.createdAt.slice(0, 10), t.url]);
  return `${table(['ID', 'NAME', 'STATUS', 'PLAN', 'CURRENCY', 'CREATED', 'URL'], rows, 60)}\n\n${r.tenants.length} tenant${r.tenants.length === 1 ? '' : 's'}.`;
}

function describeTenant(t: TenantView): string[] {
  const s = t.settings;
  return [
    `Tenant     ${t.id}`,
    `Name       ${t.name}`,
    `Status     ${t.status}`,
    `Plan       ${t.plan}`,
    `URL        ${t.url}`,
    `Currency   ${s.currency}`,
    `Time zone  ${s.timezone}`,
    `Locale     ${s.locale}`,
    `Features   ${s.features.length > 0 ? s.features.join(', ') : '(none)'}`,
    `Colours    ${s.primaryColor} / ${s.secondaryColor}`,
    `Logo       ${s.logoUrl ?? '(none)'}`,
    `Created    ${t.createdAt}`,
    `Updated    ${t.updatedAt}`,
  ];
}

export function renderTenantShow(r: ResultOf<'tenant.show'>): string {
  const c = r.counts;
  return [
    ...describeTenant(r.tenant),
    '',
    `Stores           ${n(c.stores)}`,
    `Products         ${n(c.products)}`,
    `Inventory rows   ${n(c.inventoryRows)}`,
    `Sales lines      ${n(c.salesLines)}`,
  ].join('\n');
}

export function renderTenantCreate(r: ResultOf<'tenant.create'>): string {
  const t = r.tenant;
  const lines = [`Created tenant '${t.id}' (${t.name}): plan ${t.plan}, ${t.settings.currency}, ${t.settings.timezone}.`, `It is live at ${t.url}`];
  if (t.settings.logoUrl) lines.push(`Logo: ${t.url}${t.settings.logoUrl}`);
  if (r.invite) {
    lines.push('', `Invitation for the first owner, ${r.invite.email} (single use, until ${r.invite.expiresAt}):`, `  ${r.invite.url}`);
  }
  return lines.join('\n');
}

export function renderTenantUpdate(r: ResultOf<'tenant.update'>): string {
  return [`Updated tenant '${r.tenant.id}'.`, '', ...describeTenant(r.tenant)].join('\n');
}

export function renderSuspend(r: ResultOf<'tenant.suspend'>): string {
  const t = r.tenant;
  return r.changed
    ? `Suspended tenant '${t.id}' (${t.name}). Its API now answers 403 tenant_suspended; \`fluxion tenant activate ${t.id}\` undoes it.`
    : `Tenant '${t.id}' (${t.name}) was already suspended.`;
}

export function renderActivate(r: ResultOf<'tenant.activate'>): string {
  const t = r.tenant;
  return r.changed ? `Activated tenant '${t.id}' (${t.name}): ${t.url} serves it again.` : `Tenant '${t.id}' (${t.name}) was already active.`;
}

export function renderDemo(r: DemoReport): string {
  const rows = r.tenants.map((t) => [t.id, t.name, n(t.stores), n(t.products), n(t.salesLines)]);
  return `${table(['TENANT', 'NAME', 'STORES', 'PRODUCTS', 'SALES LINES'], rows)}\n\nDemo data loaded in ${r.seconds.toFixed(1)} s.`;
}

/** migrate-data: what was copied, then every non-empty (group, table) pair with both counts and the checksum verdict. */
export function renderMigrateData(r: MigrateDataReport): string {
  const lines: string[] = [];
  for (const m of r.sourceMigrations) lines.push(`Applied migration ${m.version} (${m.name}) to the source first.`);
  const tenants = r.copy.tenants.length;
  lines.push(
    `Copied ${n(r.copy.rows)} rows (${tenants} tenant${tenants === 1 ? '' : 's'}) from ${r.source} to ${r.target} in ${r.copy.seconds.toFixed(1)} s.`,
    '',
  );
  const shown = r.verify.rows.filter((v) => !v.equal || v.source.rows > 0 || v.target.rows > 0);
  const rows = shown.map((v) => [v.group, v.table, n(v.source.rows), n(v.target.rows), v.equal ? 'equal' : v.source.rows !== v.target.rows ? 'DIFFERENT (rows)' : 'DIFFERENT']);
  lines.push(table(['TENANT', 'TABLE', 'SOURCE ROWS', 'TARGET ROWS', 'CHECKSUM'], rows));
  const empty = r.verify.rows.length - shown.length;
  if (empty > 0) lines.push(`(${empty} empty table${empty === 1 ? '' : 's'} per tenant not shown: 0 rows on both sides)`);
  lines.push('');
  const bad = r.verify.rows.filter((v) => !v.equal);
  if (bad.length === 0) {
    lines.push(`Verified in ${r.verify.seconds.toFixed(1)} s: every table of every tenant is equal on both sides.`);
  } else {
    lines.push(
      `Verification FAILED in ${r.verify.seconds.toFixed(1)} s: ${bad.length} difference${bad.length === 1 ? '' : 's'} (${bad.map((v) => `${v.group}/${v.table}`).join(', ')}). ` +
        'The copy is committed on the target: do not serve from it until the difference is explained.',
    );
  }
  return lines.join('\n');
}
