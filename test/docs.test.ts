import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionTableMarkdown } from '../src/server/permissions.js';
import { describeConfig } from '../src/server/config.js';

describe('docs stay true', () => {
  it('docs/security.md shows the permission table of src/server/permissions.ts (npm run docs:permissions)', () => {
    const doc = fs.readFileSync(new URL('../docs/security.md', import.meta.url), 'utf8');
    expect(doc).toContain(permissionTableMarkdown());
  });

  it('the README lists every configuration variable', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const v of describeConfig()) expect(readme).toContain(`\`${v.name}\``);
  });

  it('the README quick start is the two commands and CI runs the same test command', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm install && npm start\nnpm test\n');
    expect(fs.readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^npm test( |$)/m);
  });
});
