/** Errors the CLI reports as one clear message and an exit code, never as a stack trace. */
import { AppError } from '../server/errors.js';

export const EXIT = {
  ok: 0,
  /** The command ran and was refused or failed (unknown tenant, database in use, …). */
  failure: 1,
  /** The command line or the configuration is wrong. */
  usage: 2,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `demo --force` rewrites every demo tenant: never under a running server. */
export function demoForceWhileServing(pid: number | undefined): AppError {
  return new AppError(
    'conflict',
    `A Fluxion server is running on this data directory${pid ? ` (pid ${pid})` : ''}. \`demo --force\` rewrites all demo data, so stop the server first (Ctrl+C in its terminal${pid ? `, or kill -TERM ${pid}` : ''}), then run \`fluxion demo --force\` and start it again.`,
  );
}
