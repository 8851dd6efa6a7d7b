/** docs/deploy.md stays true to the CDK app: its parameters, stack names and outputs. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTEXT_KEYS } from '../lib/config.js';
import { synth } from './support.js';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');

describe('docs/deploy.md', () => {
  test('documents every context parameter, and uses no other', () => {
    for (const key of CONTEXT_KEYS) expect(doc, key).toContain(`\`${key}\``);
    const used = [...doc.matchAll(/-c ([A-Za-z]+)=/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(3);
    for (const key of used) expect(CONTEXT_KEYS as readonly string[], key).toContain(key);
  });

  test('every stack output it reads exists in that stack (duckdb or postgres)', () => {
    const outputs = new Map<string, Set<string>>();
    for (const s of [synth(), synth({ mode: 'postgres' })]) {
      for (const [stack, template] of [[s.stacks.dns.stackName, s.dns], [s.stacks.edge.stackName, s.edge], [s.stacks.app.stackName, s.appTemplate]] as const) {
        const set = outputs.get(stack) ?? new Set<string>();
        for (const name of Object.keys(template.toJSON().Outputs ?? {})) set.add(name);
        outputs.set(stack, set);
      }
    }
    const read = [...doc.matchAll(/\bout (Fluxion-[a-z]+) ([A-Za-z]+)/g), ...doc.matchAll(/`(Fluxion-[a-z]+)\.([A-Za-z]+)`/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(read.length).toBeGreaterThan(5);
    for (const [stack, name] of read) expect([...(outputs.get(stack) ?? [])], `${stack}.${name}`).toContain(name);
    for (const stack of outputs.keys()) expect(doc).toContain(stack);
  });
});
