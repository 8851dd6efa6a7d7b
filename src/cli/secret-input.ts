/**
 * The password of `--password-stdin`. Never an argument: any user of the machine can read another
 * process's command line (`ps`). Piped in, it is the input's single line; on a terminal it is
 * typed twice, without echo.
 */
import { CliError, EXIT } from './errors.js';

/** Well above the policy's 200 characters, so an overlong password gets the policy's message. */
const MAX_BYTES = 4096;

export interface SecretStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  prompt: { write(text: string): unknown };
}

const defaults = (): SecretStreams => ({ stdin: process.stdin, prompt: process.stderr });

export async function readPasswordFromStdin(streams: SecretStreams = defaults()): Promise<string> {
  const { stdin } = streams;
  if (stdin.isTTY && stdin.setRawMode) {
    const first = await askHidden(streams, 'Password: ');
    const again = await askHidden(streams, 'Repeat it: ');
    if (first !== again) throw new CliError('The two passwords differ; nothing was changed.');
    if (first.length === 0) throw new CliError('No password was typed; nothing was changed.');
    return first;
  }
  return passwordFromText(await readAll(stdin));
}

/** The one line piped in: a final line break (as `echo` adds) is not part of the password. */
export function passwordFromText(text: string): string {
  const password = text.replace(/\r?\n$/, '');
  if (password.length === 0) {
    throw new CliError('--password-stdin: nothing arrived on standard input. Pipe the password in, e.g. printf \'%s\' "$PASSWORD" | fluxion …', EXIT.usage);
  }
  if (/[\r\n]/.test(password)) {
    throw new CliError('--password-stdin: standard input holds more than one line; give the password alone, on one line.', EXIT.usage);
  }
  return password;
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_BYTES) throw new CliError(`--password-stdin: standard input is longer than ${MAX_BYTES} bytes; that is not a password.`, EXIT.usage);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function askHidden({ stdin, prompt }: SecretStreams, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    prompt.write(question);
    let value: string[] = [];
    const finish = (err?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      prompt.write('\n');
      if (err) reject(err);
      else resolve(value.join(''));
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('Cancelled; nothing was changed.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value.push(ch);
      }
    };
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
