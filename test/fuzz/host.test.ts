/**
 * The Host header tried with injection forms (issue 10, item 6): userinfo and port tricks,
 * absolute-URI request lines, duplicate Host lines, CR/LF/NUL and line folding, trailing dots,
 * case, ports, IP literals, empty and oversized hosts, and the forwarding headers that must never
 * choose a tenant. A host that names granja unambiguously (any case, a port, one trailing dot) is
 * granja; anything else is a clean 400/404 that carries no tenant's data, never a 5xx.
 *
 * Forms an HTTP client library cannot send (absolute-form targets, two Host lines, raw control
 * bytes) go over a raw TCP connection to a listening server; the rest through app.inject.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.js';
import { internalsIn } from '../security/helpers.js';
import { foreignValues, readOwnership, type Ownership } from '../security/ownership.js';

/** A tenant route with data, and the public branding route (which names the tenant). */
const DATA = '/api/v1/inventory';
const BRANDING = '/api/v1/tenant';

/** Hosts that name granja, however written. */
const GRANJA_HOSTS = ['GRANJA.LOCALHOST', 'Granja.LocalHost', 'granja.localhost.', 'granja.localhost:80', 'granja.localhost:3000', 'GRANJA.localhost.:443', ' granja.localhost '];

/** Hosts that must not select any tenant: 400 (malformed, or no tenant named) or 404 (no such tenant). */
const REFUSED_HOSTS = [
  'granja.localhost@evil',
  'granja.localhost:80@x',
  'evil@granja.localhost',
  'granja.localhost@cliente2.localhost',
  'cliente2.localhost@granja.localhost',
  'granja.localhost:',
  'granja.localhost:80:80',
  'granja.localhost:abc',
  'granja.localhost:-1',
  'granja.localhost..',
  '.granja.localhost',
  'granja..localhost',
  'granja.localhost/evil',
  'granja.localhost/../cliente2',
  'granja.localhost\\evil',
  'granja.localhost#cliente2',
  'granja.localhost?tenant=cliente2',
  'granja.localhost%00',
  'granja.localhost%0d%0aX-Tenant-ID:%20cliente2',
  'granja.localhost cliente2.localhost',
  'granja.localhost, cliente2.localhost',
  'granja.localhost.evil.com',
  'granja.localhost.evil.com:80',
  'evil.com',
  'cliente2.granja.localhost',
  'granja.cliente2.localhost',
  '*.localhost',
  '%2A.localhost',
  '[::1]',
  '[::1]:80',
  '[::ffff:127.0.0.1]',
  '[granja.localhost]',
  '[::1]granja.localhost',
  '127.0.0.1',
  '127.0.0.1:80',
  '0x7f.1',
  '',
  '.',
  ':80',
  `${'a'.repeat(300)}.localhost`,
  `${'a'.repeat(64)}.localhost`,
  'grаnja.localhost', // Cyrillic а
  'ｇｒａｎｊａ.localhost',
  'granja\u200B.localhost',
  'xn--grnja-x.localhost',
  'api.localhost',
  'admin.localhost',
  'localhost',
  'www.localhost',
];

/** Forwarding headers a proxy may set: none of them chooses the tenant. */
const FORWARDING: ReadonlyArray<[string, string]> = [
  ['x-forwarded-host', 'cliente2.localhost'],
  ['forwarded', 'host=cliente2.localhost;proto=https'],
  ['x-original-host', 'cliente2.localhost'],
  ['x-host', 'cliente2.localhost'],
  ['x-forwarded-server', 'cliente2.localhost'],
];

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request written as is on a fresh connection; the answer read until the server closes it. */
function rawRequest(port: number, text: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text, 'latin1'));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(text.slice(0, 120))}`)));
    socket.on('data', (d) => (out += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const end = out.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = out.slice(0, end < 0 ? out.length : end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
      resolve({ status, headers, body: end < 0 ? '' : out.slice(end + 4) });
    });
  });
}

describe('Host header injection', () => {
  let t: TestApp;
  let port: number;
  let owned: Ownership;
  let keys: { granja: string; cliente2: string };

  beforeAll(async () => {
    // Proxies trusted (one hop), as behind a load balancer: the forwarding headers are then
    // believed for the client address, and still must not choose a tenant.
    t = await createTestApp({ config: { trustProxy: 1 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
    owned = await readOwnership(t.store);
    keys = { granja: t.keys.granja!.owner, cliente2: t.keys.cliente2!.owner };
  });
  afterAll(() => t.close());

  /** No 5xx, no internals; `viewer`: whose data the answer may carry ('-': nobody's). */
  function clean(what: string, status: number, body: string, viewer: string): string[] {
    const problems: string[] = [];
    if (status >= 500 || status === 0) problems.push(`${what}: status ${status}`);
    const leak = internalsIn(body);
    if (leak) problems.push(`${what}: ${leak}`);
    const foreign = foreignValues(owned, viewer, body, what);
    if (foreign.length) problems.push(`${what}: data of a tenant other than ${viewer}: ${foreign.slice(0, 3).join('; ')}`);
    return problems;
  }

  const inject = (host: string, url: string, auth?: string, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'GET', url, headers: { host, ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...extra } });

  it('a host naming granja in any case, with a port or a trailing dot, is granja', async () => {
    const problems: string[] = [];
    for (const host of GRANJA_HOSTS) {
      const own = await inject(host, DATA, keys.granja);
      const foreign = await inject(host, DATA, keys.cliente2);
      const anonymous = await inject(host, DATA);
      const branding = await inject(host, BRANDING);
      const got = [own, foreign, anonymous, branding].map((r) => `${r.statusCode} ${r.headers['x-tenant-id']}`);
      if (got.join() !== ['200 granja', '404 granja', '401 granja', '200 granja'].join()) problems.push(`${JSON.stringify(host)}: ${got.join(', ')}`);
      for (const r of [own, foreign, anonymous, branding]) problems.push(...clean(JSON.stringify(host), r.statusCode, r.body, 'granja'));
      expect(branding.json().id ?? branding.json().name).toBeTruthy();
    }
    expect(problems).toEqual([]);
  });

  it('userinfo, port tricks, paths, lists, nested and foreign domains, IP literals, odd characters: 400 or 404 with no tenant data', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const host of REFUSED_HOSTS) {
      for (const [who, auth] of [['granja key', keys.granja], ['cliente2 key', keys.cliente2], ['anonymous', undefined]] as const) {
        for (const url of [DATA, BRANDING]) {
          let r: LightMyRequestResponse;
          try {
            r = await inject(host, url, auth);
          } catch (err) {
            // A value the HTTP layer itself refuses to send (tested over TCP below).
            problems.push(`${JSON.stringify(host)}: inject refused it (${(err as Error).message}); move it to the raw cases`);
            continue;
          }
          checked += 1;
          const what = `${JSON.stringify(host)} ${url} as ${who}`;
          if (r.statusCode !== 400 && r.statusCode !== 404) problems.push(`${what}: ${r.statusCode} ${r.body.slice(0, 200)}`);
          if (r.headers['x-tenant-id'] !== undefined) problems.push(`${what}: served as tenant ${String(r.headers['x-tenant-id'])}`);
          if (r.statusCode >= 400 && typeof r.json().error !== 'string') problems.push(`${what}: not an error body: ${r.body.slice(0, 200)}`);
          problems.push(...clean(what, r.statusCode, r.body, '-'));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(REFUSED_HOSTS.length * 6);
  });

  it('X-Forwarded-Host, Forwarded and similar headers never choose the tenant, even with proxies trusted', async () => {
    const problems: string[] = [];
    for (const [name, value] of FORWARDING) {
      // On granja's host: granja, whatever the header says.
      const own = await inject('granja.localhost', DATA, keys.granja, { [name]: value });
      const foreign = await inject('granja.localhost', DATA, keys.cliente2, { [name]: value });
      if (own.statusCode !== 200 || own.headers['x-tenant-id'] !== 'granja') problems.push(`${name} on granja with granja's key: ${own.statusCode} ${String(own.headers['x-tenant-id'])}`);
      if (foreign.statusCode !== 404) problems.push(`${name} on granja with cliente2's key: ${foreign.statusCode} ${foreign.body.slice(0, 200)}`);
      problems.push(...clean(`${name} own`, own.statusCode, own.body, 'granja'), ...clean(`${name} foreign`, foreign.statusCode, foreign.body, 'cliente2'));
      // On hosts that name no tenant: still none.
      for (const host of ['api.localhost', 'localhost', '127.0.0.1', 'admin.localhost']) {
        const r = await inject(host, DATA, keys.cliente2, { [name]: value });
        if (r.statusCode !== 400) problems.push(`${name} on ${host}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        problems.push(...clean(`${name} on ${host}`, r.statusCode, r.body, '-'));
      }
    }
    expect(problems).toEqual([]);
  });

  describe('over raw TCP', () => {
    const request = (target: string, hostLines: string[], auth?: string, version = '1.1') =>
      `GET ${target} HTTP/${version}\r\n${hostLines.map((h) => `${h}\r\n`).join('')}${auth ? `Authorization: Bearer ${auth}\r\n` : ''}Connection: close\r\n\r\n`;

    async function expectRefused(what: string, text: string, statuses: readonly number[] = [400, 404]): Promise<string[]> {
      const r = await rawRequest(port, text);
      const problems = clean(what, r.status, r.body, '-');
      if (!statuses.includes(r.status)) problems.push(`${what}: ${r.status} ${r.body.slice(0, 200)}`);
      if (r.headers['x-tenant-id'] !== undefined) problems.push(`${what}: served as tenant ${r.headers['x-tenant-id']}`);
      return problems;
    }

    it('an absolute-URI request line naming another host than Host is refused; naming the same host it is served', async () => {
      const problems: string[] = [];
      for (const auth of [keys.granja, keys.cliente2, undefined]) {
        const who = auth === keys.granja ? 'granja key' : auth ? 'cliente2 key' : 'anonymous';
        for (const target of [
          `http://cliente2.localhost${DATA}`,
          `http://cliente2.localhost${BRANDING}`,
          `https://cliente2.localhost:443${DATA}`,
          `http://granja.localhost@cliente2.localhost${DATA}`,
          `http://cliente2.localhost@granja.localhost${DATA}`,
          `http://api.localhost${DATA}`,
          `http://admin.localhost/api/v1/admin/tenants`,
          `http://evil.com${DATA}`,
          `http://[::1]${DATA}`,
          `http://${DATA}`,
        ]) {
          problems.push(...(await expectRefused(`GET ${target} (Host granja) as ${who}`, request(target, ['Host: granja.localhost'], auth))));
        }
      }
      for (const target of [`http://granja.localhost${DATA}`, `https://GRANJA.localhost:443${DATA}`, `http://granja.localhost.${DATA}`]) {
        const r = await rawRequest(port, request(target, ['Host: granja.localhost'], keys.granja));
        if (r.status !== 200 || r.headers['x-tenant-id'] !== 'granja') problems.push(`${target}: ${r.status} ${r.body.slice(0, 200)}`);
        problems.push(...clean(target, r.status, r.body, 'granja'));
      }
      expect(problems).toEqual([]);
    });

    it('two Host lines are a 400, whichever comes first', async () => {
      const problems: string[] = [];
      for (const hosts of [
        ['granja.localhost', 'cliente2.localhost'],
        ['cliente2.localhost', 'granja.localhost'],
        ['granja.localhost', 'granja.localhost'],
        ['api.localhost', 'granja.localhost'],
        ['granja.localhost', ''],
      ]) {
        for (const auth of [keys.granja, keys.cliente2, undefined]) {
          for (const url of [DATA, BRANDING]) {
            problems.push(...(await expectRefused(`Host ${hosts.join(' + ')} ${url}`, request(url, hosts.map((h) => `Host: ${h}`), auth), [400])));
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('CR, LF, NUL and line folding in Host, a missing, empty or oversized Host: refused by the parser or the app', async () => {
      const problems: string[] = [];
      const cases: Array<[string, string, readonly number[]]> = [
        ['CR', request(DATA, ['Host: granja.localhost\rX-Tenant-ID: cliente2'], keys.granja), [400]],
        ['LF', request(DATA, ['Host: granja.localhost\nX-Tenant-ID: cliente2'], keys.granja), [400]],
        ['CRLF then a header', request(DATA, ['Host: cliente2.localhost\r\nX-Tenant-ID: cliente2', 'Host: granja.localhost'], keys.granja), [400]],
        ['NUL', request(DATA, ['Host: granja.localhost\u0000cliente2.localhost'], keys.granja), [400]],
        ['obs-fold', request(DATA, ['Host: granja.localhost', ' cliente2.localhost'], keys.granja), [400]],
        ['no Host (HTTP/1.1)', request(DATA, [], keys.granja), [400]],
        ['no Host (HTTP/1.0)', request(DATA, [], keys.granja, '1.0'), [400]],
        ['empty Host', request(DATA, ['Host: '], keys.granja), [400]],
        ['Host of spaces', request(DATA, ['Host:    '], keys.granja), [400]],
        ['Host with a space inside', request(DATA, ['Host: granja.localhost cliente2.localhost'], keys.granja), [400]],
        // Beyond Node's header limit the parser answers 431 before the app sees the request.
        ['Host of 20 kB', request(DATA, [`Host: ${'a'.repeat(20_000)}.localhost`], keys.granja), [400, 431]],
        ['Host of 4 kB', request(DATA, [`Host: ${'a.'.repeat(2_000)}localhost`], keys.granja), [400]],
        ['Host with high bytes', request(DATA, ['Host: granja.localhost\u00ff'], keys.granja), [400]],
      ];
      for (const [what, text, statuses] of cases) {
        problems.push(...(await expectRefused(what, text, statuses)));
        // Refused by the parser or by the app, the answer is the product's JSON error.
        const r = await rawRequest(port, text);
        let body: unknown = null;
        try {
          body = JSON.parse(r.body);
        } catch {
          /* not JSON: reported below */
        }
        if (!(body && typeof body === 'object' && 'error' in body && 'message' in body)) problems.push(`${what}: not the JSON error shape: ${r.body.slice(0, 120)}`);
      }
      expect(problems).toEqual([]);
    });
  });
});
