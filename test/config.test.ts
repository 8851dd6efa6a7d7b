import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from '../src/server/config.js';
import { passwordOf, roleOf } from '../src/store/postgres/connection.js';

const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://fluxion@db.internal:5432/fluxion?sslmode=verify-full' };

describe('database passwords given apart from the URLs (secret stores inject them)', () => {
  it('fill in the password of each login, any characters surviving the URL', () => {
    const owner = 'p@ss:w/rd?#% ñ';
    const c = loadConfig({ ...base, DATABASE_PASSWORD: owner, DATABASE_APP_PASSWORD: 'app-secret/1', DATABASE_PLATFORM_PASSWORD: 'plat@form' });
    expect(roleOf(c.databaseUrl)).toBe('fluxion');
    expect(passwordOf(c.databaseUrl)).toBe(owner);
    expect(new URL(c.databaseUrl).searchParams.get('sslmode')).toBe('verify-full');
    // A role password alone: the owner's URL with the role's default user and that password.
    expect(roleOf(c.databaseAppUrl)).toBe('fluxion_app');
    expect(passwordOf(c.databaseAppUrl)).toBe('app-secret/1');
    expect(roleOf(c.databasePlatformUrl)).toBe('fluxion_platform');
    expect(passwordOf(c.databasePlatformUrl)).toBe('plat@form');
  });

  it('a password with its own URL applies to that URL; without passwords the URLs stay as given', () => {
    const c = loadConfig({ ...base, DATABASE_APP_URL: 'postgres://reader@replica:5432/fluxion', DATABASE_APP_PASSWORD: 's3cret' });
    expect(new URL(c.databaseAppUrl).host).toBe('replica:5432');
    expect(roleOf(c.databaseAppUrl)).toBe('reader');
    expect(passwordOf(c.databaseAppUrl)).toBe('s3cret');
    const plain = loadConfig(base);
    expect(plain.databaseUrl).toBe(base.DATABASE_URL);
    expect(plain.databaseAppUrl).toBe('');
  });

  it('a password without DATABASE_URL stops the start, naming the variable', () => {
    for (const name of ['DATABASE_PASSWORD', 'DATABASE_APP_PASSWORD', 'DATABASE_PLATFORM_PASSWORD']) {
      const attempt = () => loadConfig({ NODE_ENV: 'production', [name]: 'x' });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(name);
    }
  });
});

describe('FLUXION_TRUST_PROXY and FLUXION_CLOUDWATCH_METRICS', () => {
  it('accept off, hop counts, addresses and CIDR ranges; refuse anything else by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FLUXION_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ FLUXION_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ FLUXION_TRUST_PROXY: '10.0.0.0/16,::1, 192.0.2.1' }).trustProxy).toBe('10.0.0.0/16,::1, 192.0.2.1');
    for (const bad of ['0', '11', 'yes', '10.0.0.0/33', '10.0.0/8', 'fe80::/129', '1.2.3.4/8/9']) {
      expect(() => loadConfig({ FLUXION_TRUST_PROXY: bad }), bad).toThrow(/FLUXION_TRUST_PROXY/);
    }
    expect(loadConfig({}).cloudwatchMetrics).toBe('off');
    expect(loadConfig({ FLUXION_CLOUDWATCH_METRICS: 'tenant' }).cloudwatchMetrics).toBe('tenant');
    expect(() => loadConfig({ FLUXION_CLOUDWATCH_METRICS: 'yes' })).toThrow(/FLUXION_CLOUDWATCH_METRICS/);
  });

  it('load shedding is on by default (1 s standing queue, 1,000 in flight), off in tests, and validated', () => {
    expect(loadConfig({})).toMatchObject({ shedLatencyMs: 1000, maxInFlight: 1000 });
    expect(testConfig()).toMatchObject({ shedLatencyMs: 0, maxInFlight: 0 });
    expect(loadConfig({ FLUXION_SHED_LATENCY_MS: '0', FLUXION_MAX_IN_FLIGHT: '64' })).toMatchObject({ shedLatencyMs: 0, maxInFlight: 64 });
    expect(() => loadConfig({ FLUXION_SHED_LATENCY_MS: '-1' })).toThrow(/FLUXION_SHED_LATENCY_MS/);
    expect(() => loadConfig({ FLUXION_MAX_IN_FLIGHT: 'many' })).toThrow(/FLUXION_MAX_IN_FLIGHT/);
  });
});
