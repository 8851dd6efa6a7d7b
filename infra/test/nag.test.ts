/**
 * cdk-nag's AwsSolutions pack over every stack of both modes (and the cross-region variant):
 * no finding may be left unacknowledged, and every acknowledgement carries its reason in the
 * code. The same pack is registered by the app itself, so `cdk synth` fails the same way.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { addFluxion } from '../lib/app.js';
import { config, newApp } from './support.js';

const variants: Array<[string, Record<string, unknown>]> = [
  ['duckdb', {}],
  ['postgres', { mode: 'postgres' }],
  ['postgres in sa-east-1 (cross-region references)', { mode: 'postgres', region: 'sa-east-1' }],
  ['duckdb with NAT and single-AZ options', { natGateways: 1, dbMultiAz: 'false' }],
  ['postgres single-AZ', { mode: 'postgres', dbMultiAz: 'false' }],
];

/** Every acknowledgement recorded in the construct tree: id → reason. */
function acknowledgements(stack: Stack): Array<{ path: string; id: string; reason: string }> {
  const out: Array<{ path: string; id: string; reason: string }> = [];
  for (const c of stack.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) out.push({ path: c.node.path, id, reason: String(reason) });
    }
  }
  return out;
}

describe.each(variants)('AwsSolutions on %s', (_name, overrides) => {
  test('no unacknowledged finding, error or warning, in any stack', () => {
    const app = newApp();
    const stacks = addFluxion(app, config(overrides), { nag: false });
    // Synthesise first: CDK adds some resources (cross-region reference providers) only then.
    app.synth();
    for (const stack of [stacks.dns, stacks.edge, stacks.app]) {
      const report = new AwsSolutionsChecks().validateScope(stack);
      const findings = report.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings, stack.stackName).toEqual([]);
    }
  });

  test('the app synthesises with the pack registered (as `cdk synth` runs it)', () => {
    const app = newApp();
    addFluxion(app, config(overrides));
    expect(() => app.synth()).not.toThrow();
  });
});

test('every acknowledgement names a rule and gives a reason of substance', () => {
  const app = newApp();
  const stacks = addFluxion(app, config({ mode: 'postgres' }), { nag: false });
  // (CDK records acknowledgements of its own template checks too, e.g. CloudFormation-Validate::W3010.)
  const all = [stacks.dns, stacks.edge, stacks.app].flatMap(acknowledgements).filter((a) => a.id.includes('AwsSolutions'));
  expect(all.length).toBeGreaterThan(5);
  for (const a of all) {
    expect(a.id, a.path).toMatch(/AwsSolutions-[A-Z]+\d+/);
    expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(40);
  }
});

test('the pack is live: a public, unencrypted, unlogged bucket added to the app stack fails synth', () => {
  const app = newApp();
  const stacks = addFluxion(app, config());
  new s3.Bucket(stacks.app, 'Careless', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, removalPolicy: RemovalPolicy.DESTROY });
  expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*Careless|Careless[\s\S]*AwsSolutions-S1/);
});
