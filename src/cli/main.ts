/** Entry point of `fluxion` (bin/fluxion.js runs the compiled dist/cli/main.js, or this file through tsx). */
import { runCli } from './program.js';

// `fluxion tenant list | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
