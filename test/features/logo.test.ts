import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type As, type TestApp } from '../support/app.js';
import { TINY_JPEG, TINY_PNG } from '../support/images.js';
import { readableOn } from '../../src/shared/colors.js';
import { escapeXml, faviconSvg, initialOf } from '../../src/server/features/settings/favicon.js';
import { sniffImage } from '../../src/server/features/settings/logo-image.js';

const LIMIT = 512 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A body of `size` bytes that starts like a PNG. */
const pngOfSize = (size: number) => Buffer.concat([TINY_PNG.subarray(0, 8), Buffer.alloc(size - 8, 7)]);

describe('tenant logo and favicon', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const upload = (host: string, bytes: Buffer, contentType = 'image/png', as: As = 'owner', headers: Record<string, string> = {}) =>
    t.on(host, { method: 'PUT', url: '/api/v1/tenant/logo', payload: bytes, headers: { 'content-type': contentType, ...headers }, as });

  async function stored(tenant: string) {
    const row = await t.store.platform.get('SELECT settings FROM tenants WHERE id = $1', [tenant]);
    const settings = (typeof row?.settings === 'string' ? JSON.parse(row.settings) : row?.settings) as { logoUrl: string | null };
    const asset = await t.store.platform.get('SELECT content_type, byte_size, sha256, content_base64 FROM tenant_assets WHERE tenant_id = $1', [tenant]);
    return { logoUrl: settings.logoUrl, asset: asset ? { ...asset, content_base64: undefined, bytes: Buffer.from(String(asset.content_base64), 'base64') } : null };
  }

  async function logoAudits(tenant: string) {
    const rows = await t.store.platform.all(
      `SELECT action, details FROM audit_log WHERE tenant_id = $1 AND action LIKE 'tenant.logo%' ORDER BY occurred_at`,
      [tenant],
    );
    return rows.map((r) => ({ action: r.action, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }));
  }

  it('an owner uploads a PNG: stored, versioned in logoUrl, shown in the branding and served with long caching', async () => {
    const hash = sha(TINY_PNG);
    const url = `/api/v1/tenant/logo?v=${hash.slice(0, 12)}`;
    const r = await upload('granja', TINY_PNG);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ logoUrl: url, contentType: 'image/png', bytes: TINY_PNG.length, sha256: hash });

    const s = await stored('granja');
    expect(s.logoUrl).toBe(url);
    expect(s.asset).toMatchObject({ content_type: 'image/png', byte_size: TINY_PNG.length, sha256: hash });
    expect(s.asset!.bytes.equals(TINY_PNG)).toBe(true);
    // The next request sees it: the registry entry was dropped.
    expect((await t.on('granja', { url: '/api/v1/tenant', as: 'anonymous' })).json().logoUrl).toBe(url);
    expect((await t.on('granja', '/api/v1/tenant/settings')).json().logoUrl).toBe(url);

    // Served to anyone, byte for byte, cacheable for a year at its versioned URL.
    const got = await t.on('granja', { url, as: 'anonymous' });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(TINY_PNG)).toBe(true);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      vary: 'X-Tenant-ID',
    });
    // Another version (or none) is cached briefly; the ETag answers 304.
    const stale = await t.on('granja', { url: '/api/v1/tenant/logo?v=000000000000', as: 'anonymous' });
    expect(stale.headers['cache-control']).toBe('public, max-age=60');
    expect(stale.rawPayload.equals(TINY_PNG)).toBe(true);
    const again = await t.on('granja', { url: '/api/v1/tenant/logo', as: 'anonymous', headers: { 'if-none-match': String(got.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    // The favicon is the logo too.
    const icon = await t.on('granja', { url: '/api/v1/tenant/favicon', as: 'anonymous' });
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.equals(TINY_PNG)).toBe(true);

    // Audited through the settings path, with the old and new URL.
    expect(await logoAudits('granja')).toEqual([
      {
        action: 'tenant.logo_changed',
        details: {
          changed: ['logoUrl'],
          changes: { logoUrl: { from: null, to: url } },
          logo: { content_type: 'image/png', bytes: TINY_PNG.length, sha256: hash },
        },
      },
    ]);
    // The other tenant has no logo of its own and never serves granja's.
    expect((await t.on('cliente2', { url, as: 'anonymous' })).statusCode).toBe(404);
  });

  it('the same file again changes nothing; a JPEG replaces it; DELETE removes it and the favicon falls back to the letter', async () => {
    await upload('granja', TINY_PNG);
    t.clock.advance(1000);
    expect((await upload('granja', TINY_PNG)).statusCode).toBe(200);
    expect(await logoAudits('granja')).toHaveLength(1);

    t.clock.advance(1000);
    const jpeg = await upload('granja', TINY_JPEG, 'image/jpeg; charset=binary');
    expect(jpeg.json()).toMatchObject({ contentType: 'image/jpeg', logoUrl: `/api/v1/tenant/logo?v=${sha(TINY_JPEG).slice(0, 12)}` });
    const served = await t.on('granja', { url: jpeg.json().logoUrl, as: 'anonymous' });
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(TINY_JPEG)).toBe(true);

    t.clock.advance(1000);
    const removed = await t.on('granja', { method: 'DELETE', url: '/api/v1/tenant/logo' });
    expect(removed.statusCode).toBe(204);
    expect(await stored('granja')).toEqual({ logoUrl: null, asset: null });
    expect((await t.on('granja', { url: '/api/v1/tenant', as: 'anonymous' })).json().logoUrl).toBeNull();
    const gone = await t.on('granja', { url: '/api/v1/tenant/logo', as: 'anonymous' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: 'not_found', message: 'This tenant has no logo.' });
    // Removing nothing is a 204 that changes nothing.
    expect((await t.on('granja', { method: 'DELETE', url: '/api/v1/tenant/logo' })).statusCode).toBe(204);
    expect((await logoAudits('granja')).map((a) => a.action)).toEqual(['tenant.logo_changed', 'tenant.logo_changed', 'tenant.logo_removed']);

    const icon = await t.on('granja', { url: '/api/v1/tenant/favicon', as: 'anonymous' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(icon.body).toBe(faviconSvg('La Granja Mercado', '#10b981', 'es-VE'));
    expect(icon.body).toContain('fill="#10b981"');
    expect(icon.body).toContain(`fill="${readableOn('#10b981')}"`);
    expect(icon.body).toMatch(/>L<\/text>/);
  });

  it('refuses what is not a PNG or JPEG of at most 512 KB, and stores nothing', async () => {
    // Exactly the limit is accepted.
    expect((await upload('cliente2', pngOfSize(LIMIT))).statusCode).toBe(200);
    await t.on('cliente2', { method: 'DELETE', url: '/api/v1/tenant/logo' });

    const cases: Array<[Buffer | string, string, number, string, RegExp]> = [
      [pngOfSize(LIMIT + 1), 'image/png', 413, 'payload_too_large', /524289 bytes; the limit is 524288/],
      [TINY_JPEG, 'image/png', 400, 'validation_error', /not a PNG image: its first bytes say a JPEG image/],
      [TINY_PNG, 'image/jpeg', 400, 'validation_error', /not a JPEG image/],
      [Buffer.from('GIF89a......'), 'image/png', 400, 'validation_error', /neither PNG nor JPEG/],
      [Buffer.alloc(0), 'image/png', 400, 'validation_error', /empty/],
      [Buffer.from('GIF89a......'), 'image/gif', 415, 'unsupported_media_type', /image\/png or image\/jpeg/],
      [Buffer.from('<svg/>'), 'image/svg+xml', 415, 'unsupported_media_type', /image\/png or image\/jpeg/],
      [TINY_PNG, 'application/octet-stream', 415, 'unsupported_media_type', /image\/png or image\/jpeg/],
      ['{"logo":"x"}', 'application/json', 415, 'unsupported_media_type', /image\/png or image\/jpeg/],
      ['{"logo":', 'application/json', 400, 'invalid_json', /JSON/],
    ];
    for (const [body, type, status, error, message] of cases) {
      const r = await t.on('cliente2', { method: 'PUT', url: '/api/v1/tenant/logo', payload: body, headers: { 'content-type': type } });
      expect({ type, size: body.length, status: r.statusCode, error: r.json().error }).toEqual({ type, size: body.length, status, error });
      expect(r.json().message).toMatch(message);
    }
    expect(await stored('cliente2')).toEqual({ logoUrl: null, asset: null });
  });

  it('only owners upload or remove; other roles get 403, strangers 401, another tenant\'s owner 404', async () => {
    for (const as of ['viewer', 'staff', 'manager'] as As[]) {
      expect((await upload('granja', TINY_PNG, 'image/png', as)).statusCode).toBe(403);
      expect((await t.on('granja', { method: 'DELETE', url: '/api/v1/tenant/logo', as })).statusCode).toBe(403);
    }
    expect((await upload('granja', TINY_PNG, 'image/png', 'anonymous')).statusCode).toBe(401);
    const cross = await upload('granja', TINY_PNG, 'image/png', 'owner', { authorization: `Bearer ${t.keys.cliente2!.owner}` });
    expect(cross.statusCode).toBe(404);
    expect(cross.json().message).toBe('Not found.');
    // A signed-in owner uploads through the browser: same-origin only.
    const cookie = await t.login('granja', 'owner');
    const crossSite = await upload('granja', TINY_PNG, 'image/png', 'owner', { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(await stored('granja')).toEqual({ logoUrl: null, asset: null });
    expect((await upload('granja', TINY_PNG, 'image/png', 'owner', { cookie, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });

  it('the letter favicon: each tenant its colour and initial, suspended tenants too', async () => {
    const c2 = await t.on('cliente2', { url: '/api/v1/tenant/favicon', as: 'anonymous' });
    expect(c2.body).toBe(faviconSvg('Cliente 2 S.A.', '#3b82f6', 'en-US'));
    expect(c2.body).toMatch(/>C<\/text>/);
    expect(c2.headers).toMatchObject({ 'cache-control': 'public, max-age=60', 'x-content-type-options': 'nosniff' });
    const asleep = await t.on('dormida', { url: '/api/v1/tenant/favicon', as: 'anonymous' });
    expect(asleep.statusCode).toBe(200);
    expect(asleep.body).toMatch(/>T<\/text>/);
    expect((await t.on('dormida', { url: '/api/v1/tenant/logo', as: 'anonymous' })).statusCode).toBe(404);
    expect((await t.on('nadie', { url: '/api/v1/tenant/favicon', as: 'anonymous' })).statusCode).toBe(404);
  });

  it('builds the SVG from the name safely', () => {
    expect(initialOf('¡Ñandú y compañía!', 'es-VE')).toBe('Ñ');
    expect(initialOf('  7 Hermanos')).toBe('7');
    expect(initialOf('***')).toBe('?');
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const svg = faviconSvg('"><script>alert(1)</script>', 'not-a-colour');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('fill="#4f46e5"');
    expect(svg).toMatch(/>S<\/text>/);
    expect(sniffImage(TINY_PNG)).toBe('image/png');
    expect(sniffImage(TINY_JPEG)).toBe('image/jpeg');
    expect(sniffImage(Buffer.from([0x89, 0x50]))).toBeNull();
  });
});
