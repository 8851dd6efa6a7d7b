/**
 * A small reader of the repository's Dockerfile and .dockerignore, for the tests that check the
 * image without a Docker engine (test/deploy/image.test.ts, and infra/test/image.test.ts, which
 * compares the ECS task definition with the image). Plain TypeScript on node:fs only, so both
 * packages can import it.
 *
 * It understands what a Dockerfile here may use: comments, line continuations, ARG before FROM
 * (`${NAME}` in FROM), `FROM image [AS name]`, the exec (JSON) and shell forms of RUN/CMD/
 * HEALTHCHECK, `ENV k=v k2="v 2"` and the legacy `ENV k v`, and COPY/ADD flags (--from, --chmod).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ENV … */
  keyword: string;
  /** Flags before the arguments (COPY --from=build → { from: 'build' }; HEALTHCHECK --interval=30s …). */
  flags: Record<string, string>;
  /** The text after the keyword and its flags, continuations joined. */
  args: string;
  /** Exec form ([…] JSON) parsed, else null (shell form). */
  exec: string[] | null;
  line: number;
}

export interface Stage {
  /** The base image with ARG defaults substituted. */
  from: string;
  name: string | undefined;
  instructions: Instruction[];
  /** ENV of this stage in order (later values win), with `$VAR`/`${VAR}` expanded from earlier ones. */
  env: Record<string, string>;
  workdir: string;
  /** The last USER of the stage, or undefined (root). */
  user: string | undefined;
}

export interface Dockerfile {
  stages: Stage[];
  final: Stage;
}

/** Logical lines: comments and blank lines dropped, `\` continuations joined. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && current === null)) return;
    const continued = /\\\s*$/.test(raw);
    const piece = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (current) current.text += ' ' + piece.trim();
    else current = { text: piece.trim(), line: i + 1 };
    if (!continued) {
      if (current.text) out.push(current);
      current = null;
    }
  });
  if (current !== null && (current as { text: string }).text) out.push(current);
  return out;
}

function parseFlags(rest: string): { flags: Record<string, string>; args: string } {
  const flags: Record<string, string> = {};
  let args = rest;
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(args);
    if (!m) break;
    flags[m[1]!] = m[2] ?? 'true';
    args = args.slice(m[0].length);
  }
  return { flags, args: args.trim() };
}

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    return vars[name] ?? fallback ?? '';
  });
}

/** `k=v k2="v 2"` or the legacy `k v w` (one variable, the rest its value). */
function parseEnv(args: string): Array<[string, string]> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/.exec(args);
    if (!m) throw new Error(`ENV without a value: ${args}`);
    return [[m[1]!, m[2]!]];
  }
  const out: Array<[string, string]> = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)\s*/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args)) !== null) {
    let v = m[2]!;
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (v.startsWith("'")) v = v.slice(1, -1);
    out.push([m[1]!, v]);
    if (re.lastIndex >= args.length) break;
  }
  if (re.lastIndex < args.length && out.length === 0) throw new Error(`ENV not understood: ${args}`);
  return out;
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  for (const { text: line, line: lineNo } of logicalLines(text)) {
    const m = /^([A-Za-z]+)\s*(.*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile line ${lineNo}: not an instruction: ${line}`);
    const keyword = m[1]!.toUpperCase();
    const { flags, args } = parseFlags(m[2]!);
    let exec: string[] | null = null;
    // HEALTHCHECK's form is that of the CMD after its flags.
    const execText = keyword === 'HEALTHCHECK' ? args.replace(/^CMD\s+/i, '') : args;
    if (execText.startsWith('[')) {
      try {
        exec = JSON.parse(execText) as string[];
      } catch {
        throw new Error(`Dockerfile line ${lineNo}: ${keyword} looks like exec form but is not valid JSON`);
      }
    }
    const instruction: Instruction = { keyword, flags, args, exec, line: lineNo };
    if (keyword === 'ARG' && !stage) {
      const [name, value] = args.split('=', 2);
      globalArgs[name!.trim()] = (value ?? '').trim();
      continue;
    }
    if (keyword === 'FROM') {
      const fm = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!fm) throw new Error(`Dockerfile line ${lineNo}: FROM not understood: ${args}`);
      stage = { from: expand(fm[1]!, globalArgs), name: fm[2], instructions: [instruction], env: {}, workdir: '/', user: undefined };
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`Dockerfile line ${lineNo}: ${keyword} before the first FROM`);
    stage.instructions.push(instruction);
    if (keyword === 'ENV') for (const [k, v] of parseEnv(args)) stage.env[k] = expand(v, stage.env);
    if (keyword === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, expand(args, stage.env));
    if (keyword === 'USER') stage.user = args;
  }
  const final = stages.at(-1);
  if (!final) throw new Error('Dockerfile has no FROM');
  return { stages, final };
}

export function readDockerfile(file: string): Dockerfile {
  return parseDockerfile(fs.readFileSync(file, 'utf8'));
}

/** The instructions of a stage with this keyword. */
export function instructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** The one instruction of a kind (the last one counts for CMD, USER, HEALTHCHECK). */
export function last(stage: Stage, keyword: string): Instruction | undefined {
  return instructions(stage, keyword).at(-1);
}

/** COPY/ADD sources and destination (shell form; JSON form too). */
export function copyArgs(i: Instruction): { sources: string[]; dest: string } {
  const parts = i.exec ?? i.args.split(/\s+/);
  return { sources: parts.slice(0, -1), dest: parts.at(-1)! };
}

// ---- .dockerignore

interface IgnoreRule {
  negate: boolean;
  re: RegExp;
}

/** Docker's pattern syntax (Go filepath.Match plus `**`), relative to the context root. */
function patternToRegExp(pattern: string): RegExp {
  const p = path.posix.normalize(pattern.replace(/^\/+/, '')).replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      // `**/` matches any number of directories, including none; a trailing `**` anything.
      if (p[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < p.length) re += p[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (l.startsWith('!') ? { negate: true, re: patternToRegExp(l.slice(1).trim()) } : { negate: false, re: patternToRegExp(l) }));
}

/**
 * Whether Docker leaves `file` (a path relative to the context) out of the build context, as
 * moby's pattern matcher decides: a rule applies when it matches the path or a directory above
 * it, and the last rule that applies wins (`!` rules put paths back).
 */
export function isIgnored(rules: IgnoreRule[], file: string): boolean {
  const parts = path.posix.normalize(file).split('/');
  const prefixes = parts.map((_, n) => parts.slice(0, n + 1).join('/'));
  let ignored = false;
  for (const rule of rules) if (prefixes.some((p) => rule.re.test(p))) ignored = !rule.negate;
  return ignored;
}
