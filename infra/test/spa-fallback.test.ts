/**
 * The CloudFront Function that serves index.html for the app's routes, run as CloudFront would
 * run it (a plain script defining `handler`), and its place in the distribution.
 */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SPA_FALLBACK_FILE } from '../lib/edge-stack.js';
import { only, synth } from './support.js';

const code = fs.readFileSync(SPA_FALLBACK_FILE, 'utf8');
const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { uri: string; querystring: unknown };
const rewrite = (uri: string) => handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' }, request: { method: 'GET', uri, querystring: { token: { value: 'abc' } }, headers: {}, cookies: {} } });

describe('SPA fallback function', () => {
  test.each(['/', '/inventory', '/orders/3f9c2a1e-0b7d-4e55-9d1c-2a4b6c8d0e1f', '/settings/', '/auth/invite'])('%s (an app route) → /index.html', (uri) => {
    expect(rewrite(uri).uri).toBe('/index.html');
  });

  test.each(['/index.html', '/favicon.svg', '/assets/index-Dx3k9a.js', '/assets/chart-Bq1.css', '/robots.txt'])('%s (a file) is left alone', (uri) => {
    expect(rewrite(uri).uri).toBe(uri);
  });

  test('the query string is kept (invitation links carry their token in it)', () => {
    expect(rewrite('/auth/invite').querystring).toEqual({ token: { value: 'abc' } });
  });

  test('is ES5 as cloudfront-js-2.0 accepts it, with no module wrapper', () => {
    expect(code).not.toMatch(/\b(module\.exports|export |require\(|import )/);
    expect(code).toMatch(/^function handler\(event\) \{/m);
  });

  test('runs on viewer requests of the static behaviour only; no distribution-wide error pages', () => {
    const { edge } = synth();
    const fn = only(edge, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionCode).toBe(code);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const config = only(edge, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn.logicalId, 'FunctionARN'] } }]);
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api.FunctionAssociations).toBeUndefined();
    // Custom error responses would rewrite the API's JSON 403/404 into the HTML shell.
    expect(config.CustomErrorResponses).toBeUndefined();
  });
});
