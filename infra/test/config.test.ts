import { describe, expect, test } from 'vitest';
import { addFluxion } from '../lib/app.js';
import { ConfigError, parseConfig } from '../lib/config.js';
import { ACCOUNT, DOMAIN, IMAGE, config, newApp } from './support.js';

const base = { domainName: DOMAIN, image: IMAGE, account: ACCOUNT };

describe('parameters', () => {
  test('defaults: duckdb, one task of 1 vCPU / 2 GiB, us-east-1 with zones a and b, no NAT', () => {
    const c = parseConfig(base);
    expect(c).toMatchObject({ mode: 'duckdb', desiredCount: 1, maxCount: 1, cpu: 1024, memoryMiB: 2048, region: 'us-east-1', natGateways: 0, prefix: 'Fluxion', tenantMetrics: 'on' });
    expect(c.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  test('postgres defaults to two tasks, scaling up to six', () => {
    expect(parseConfig({ ...base, mode: 'postgres' })).toMatchObject({ desiredCount: 2, maxCount: 6, dbMultiAz: true });
  });

  test('context strings (-c key=value) are parsed', () => {
    const c = parseConfig({ ...base, mode: 'postgres', desiredCount: '3', maxCount: '9', cpu: '512', memoryMiB: '1024', availabilityZones: 'eu-west-1b,eu-west-1c', region: 'eu-west-1', dbMultiAz: 'false' });
    expect(c).toMatchObject({ desiredCount: 3, maxCount: 9, cpu: 512, memoryMiB: 1024, dbMultiAz: false });
    expect(c.availabilityZones).toEqual(['eu-west-1b', 'eu-west-1c']);
  });

  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    ['duckdb with two tasks', { desiredCount: 2 }, /desiredCount.*exactly 1 task/],
    ['duckdb with no task', { desiredCount: '0' }, /desiredCount.*exactly 1 task/],
    ['postgres with one task', { mode: 'postgres', desiredCount: 1 }, /desiredCount.*2 or more/],
    ['maxCount under desiredCount', { mode: 'postgres', desiredCount: 4, maxCount: 3 }, /maxCount/],
    ['an unknown mode', { mode: 'sqlite' }, /mode.*duckdb or postgres/],
    ['no image', { image: '' }, /image.*required/],
    ['no domain', { domainName: undefined }, /domainName.*required/],
    ['a domain with no TLD', { domainName: 'localhost' }, /domainName/],
    ['an account id that is not 12 digits', { account: '1234' }, /account/],
    ['a Fargate size that does not exist', { cpu: 512, memoryMiB: 512 }, /memoryMiB.*not a Fargate size/],
    ['a CPU size that does not exist', { cpu: 300 }, /cpu/],
    ['one availability zone', { availabilityZones: 'us-east-1a' }, /availabilityZones/],
    ['a zone of another region', { availabilityZones: 'us-east-1a,eu-west-1a' }, /availabilityZones/],
    ['a retention CloudWatch does not offer', { logRetentionDays: 10 }, /logRetentionDays/],
    ['an architecture Fargate does not run', { cpuArchitecture: 'riscv' }, /cpuArchitecture/],
    ['a tenant metrics setting the server does not know', { tenantMetrics: 'endpoint' }, /tenantMetrics.*on, tenant or off/],
  ];
  test.each(refused)('refuses %s', (_what, overrides, message) => {
    const attempt = () => parseConfig({ ...base, ...overrides });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  test('the app builds nothing from an invalid configuration', () => {
    const app = newApp();
    expect(() => addFluxion(app, config({ desiredCount: 2 }))).toThrow(/exactly 1 task/);
    expect(app.node.children).toHaveLength(0);
  });
});
