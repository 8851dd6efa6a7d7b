/** Offline synthesis of the whole app for the tests: a fake account, no AWS call, no lookup. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addFluxion, type FluxionStacks } from '../lib/app.js';
import { parseConfig, type FluxionConfig, type RawConfig } from '../lib/config.js';

export const ACCOUNT = '123456789012';
export const DOMAIN = 'fluxionia.co';
export const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fluxion:2025-06-01`;

/** The feature flags of cdk.json, so the tests synthesise what `cdk deploy` would. */
const CDK_JSON_CONTEXT = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

export function config(overrides: RawConfig = {}): FluxionConfig {
  return parseConfig({ domainName: DOMAIN, image: IMAGE, account: ACCOUNT, region: 'us-east-1', ...overrides });
}

export function newApp(): App {
  return new App({ context: CDK_JSON_CONTEXT, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-cdk-')) });
}

export interface Synth {
  app: App;
  config: FluxionConfig;
  stacks: FluxionStacks;
  dns: Template;
  edge: Template;
  appTemplate: Template;
}

const cache = new Map<string, Synth>();

/** Synthesises (once per set of parameters) without the cdk-nag plugin; nag.test.ts runs it. */
export function synth(overrides: RawConfig = {}): Synth {
  const key = JSON.stringify(overrides);
  const hit = cache.get(key);
  if (hit) return hit;
  const app = newApp();
  const cfg = config(overrides);
  const stacks = addFluxion(app, cfg, { nag: false });
  const result: Synth = {
    app,
    config: cfg,
    stacks,
    dns: Template.fromStack(stacks.dns),
    edge: Template.fromStack(stacks.edge),
    appTemplate: Template.fromStack(stacks.app),
  };
  cache.set(key, result);
  return result;
}

/** The one resource of a type whose properties match; fails if there are none or several. */
export function only(template: Template, type: string, props?: Record<string, unknown>): { logicalId: string; Properties: Record<string, any> } {
  const found = template.findResources(type, props ? { Properties: props } : undefined);
  const ids = Object.keys(found);
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}${props ? ' matching ' + JSON.stringify(props) : ''}, found ${ids.length}`);
  return { logicalId: ids[0]!, Properties: found[ids[0]!]!.Properties };
}
