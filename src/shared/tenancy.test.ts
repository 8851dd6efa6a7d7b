import { describe, expect, it } from 'vitest';
import { normalizeHost, parseHost, resolveTenant, tenantIdProblem, type ResolveInput } from './tenancy.js';

const PROD = 'fluxionia.co';

describe('normalizeHost', () => {
  it.each([
    ['granja.fluxionia.co', 'granja.fluxionia.co'],
    ['GRANJA.FluxionIA.co', 'granja.fluxionia.co'],
    ['granja.fluxionia.co:443', 'granja.fluxionia.co'],
    ['granja.fluxionia.co.', 'granja.fluxionia.co'],
    ['granja.fluxionia.co.:8080', 'granja.fluxionia.co'],
    ['[::1]:3000', '[::1]'],
    ['127.0.0.1:3000', '127.0.0.1'],
    ['granja.fluxionia.co:65535', 'granja.fluxionia.co'],
  ])('%s → %s', (raw, expected) => expect(normalizeHost(raw)).toBe(expected));

  it.each([
    [''],
    ['granja.fluxionia.co@evil.com'],
    ['granja.fluxionia.co:80@x'],
    ['granja.fluxionia.co:abc'],
    ['granja.fluxionia.co:65536'],
    ['granja.fluxionia.co:99999'],
    ['[::1]:70000'],
    ['granja..fluxionia.co'],
    ['gránja.fluxionia.co'],
    ['granja.fluxionia.co/path'],
    ['granja fluxionia.co'],
    ['[::1'],
    [`${'a'.repeat(64)}.fluxionia.co`],
    ['a'.repeat(256)],
  ])('refuses %j', (raw) => expect(normalizeHost(raw)).toBeNull());
});

describe('parseHost', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['granja.fluxionia.co', PROD, { kind: 'tenant', tenantId: 'granja' }],
    ['Granja.FLUXIONIA.co:443', PROD, { kind: 'tenant', tenantId: 'granja' }],
    ['granja.fluxionia.co.', PROD, { kind: 'tenant', tenantId: 'granja' }],
    ['cliente-2.fluxionia.co', PROD, { kind: 'tenant', tenantId: 'cliente-2' }],
    ['admin.fluxionia.co', PROD, { kind: 'platform' }],
    ['api.fluxionia.co', PROD, { kind: 'api' }],
    ['fluxionia.co', PROD, { kind: 'apex' }],
    ['www.fluxionia.co', PROD, { kind: 'apex' }],
    ['etl.fluxionia.co', PROD, { kind: 'other' }],
    ['static.fluxionia.co', PROD, { kind: 'other' }],
    ['granja.evil.com', PROD, { kind: 'other' }],
    ['granja.fluxionia.co.evil.com', PROD, { kind: 'other' }],
    ['evilfluxionia.co', PROD, { kind: 'other' }],
    ['10.0.0.7', PROD, { kind: 'other', local: false }],
    ['127.0.0.1:3000', 'localhost', { kind: 'other', local: true }],
    ['[::1]:3000', 'localhost', { kind: 'other', local: true }],
    ['localhost:3000', 'localhost', { kind: 'apex', local: true }],
    ['granja.localhost:3000', 'localhost', { kind: 'tenant', tenantId: 'granja' }],
    ['admin.localhost:3000', 'localhost', { kind: 'platform' }],
  ];
  it.each(cases)('%s (base %s)', (host, base, expected) => expect(parseHost(host, base)).toMatchObject(expected));

  it.each([
    ['x.granja.fluxionia.co', 'invalid_tenant_id'], // nested sub-domain
    ['-granja.fluxionia.co', 'invalid_tenant_id'],
    ['granja-.fluxionia.co', 'invalid_tenant_id'],
    ['gra_nja.fluxionia.co', 'invalid_host'],
    ['grañja.fluxionia.co', 'invalid_host'], // non-ASCII
    [`${'a'.repeat(64)}.fluxionia.co`, 'invalid_host'], // overlong label
    ['granja.fluxionia.co@evil', 'invalid_host'],
  ])('%s → %s', (host, code) => expect(parseHost(host, PROD)).toMatchObject({ code }));

  it('accepts a 63-character label and punycode', () => {
    expect(parseHost(`${'a'.repeat(63)}.fluxionia.co`, PROD)).toMatchObject({ kind: 'tenant', tenantId: 'a'.repeat(63) });
    expect(parseHost('xn--grnja-qra.fluxionia.co', PROD)).toMatchObject({ kind: 'tenant', tenantId: 'xn--grnja-qra' });
  });
});

describe('resolveTenant', () => {
  const base: ResolveInput = { host: undefined, baseDomain: PROD, allowQueryTenant: false };
  const cases: Array<[string, Partial<ResolveInput>, Record<string, unknown>]> = [
    ['host names the tenant', { host: 'granja.fluxionia.co' }, { kind: 'tenant', tenantId: 'granja', via: 'host' }],
    ['same tenant in host and header', { host: 'granja.fluxionia.co', headerTenant: 'GRANJA' }, { kind: 'tenant', tenantId: 'granja' }],
    ['host and header disagree', { host: 'granja.fluxionia.co', headerTenant: 'cliente2' }, { kind: 'error', code: 'tenant_conflict' }],
    ['empty header against a tenant host', { host: 'granja.fluxionia.co', headerTenant: '' }, { kind: 'error', code: 'tenant_conflict' }],
    ['header on the api host', { host: 'api.fluxionia.co', headerTenant: 'cliente2' }, { kind: 'tenant', tenantId: 'cliente2', via: 'header' }],
    ['api host without header', { host: 'api.fluxionia.co' }, { kind: 'none' }],
    ['invalid header', { host: 'api.fluxionia.co', headerTenant: "granja' OR 1=1" }, { kind: 'error', code: 'invalid_tenant_id' }],
    ['reserved header', { host: 'api.fluxionia.co', headerTenant: 'admin' }, { kind: 'error', code: 'invalid_tenant_id' }],
    ['overlong header', { host: 'api.fluxionia.co', headerTenant: 'a'.repeat(64) }, { kind: 'error', code: 'invalid_tenant_id' }],
    ['empty header', { host: 'api.fluxionia.co', headerTenant: '' }, { kind: 'error', code: 'invalid_tenant_id' }],
    ['header on the admin host', { host: 'admin.fluxionia.co', headerTenant: 'granja' }, { kind: 'error', code: 'tenant_conflict' }],
    ['admin host', { host: 'admin.fluxionia.co' }, { kind: 'platform' }],
    ['apex', { host: 'fluxionia.co' }, { kind: 'none' }],
    ['IP literal never names a tenant', { host: '10.1.2.3' }, { kind: 'none' }],
    ['foreign domain never names a tenant', { host: 'granja.evil.com' }, { kind: 'none' }],
    ['missing Host', { host: undefined }, { kind: 'error', code: 'invalid_host' }],
    ['query ignored when not allowed', { host: 'localhost', baseDomain: 'localhost', queryTenant: 'granja' }, { kind: 'none' }],
    ['query on localhost in development', { host: 'localhost:3000', baseDomain: 'localhost', queryTenant: 'granja', allowQueryTenant: true }, { kind: 'tenant', tenantId: 'granja', via: 'query' }],
    ['query ignored on a public host', { host: 'fluxionia.co', queryTenant: 'granja', allowQueryTenant: true }, { kind: 'none' }],
    ['invalid query tenant', { host: '127.0.0.1', baseDomain: 'localhost', queryTenant: 'no way', allowQueryTenant: true }, { kind: 'error', code: 'invalid_tenant_id' }],
  ];
  it.each(cases)('%s', (_name, input, expected) => expect(resolveTenant({ ...base, ...input })).toMatchObject(expected));
});

describe('tenantIdProblem', () => {
  it.each([
    ['granja', null],
    ['a', null],
    ['a1-b2', null],
    ['', 'empty'],
    ['a'.repeat(64), 'too_long'],
    ['Granja', 'invalid_characters'],
    ['-a', 'invalid_characters'],
    ['a_b', 'invalid_characters'],
    ['ñandu', 'invalid_characters'],
    ['api', 'reserved'],
    ['www', 'reserved'],
    ['admin', 'reserved'],
  ])('%j → %s', (id, problem) => expect(tenantIdProblem(id)).toBe(problem));
});
