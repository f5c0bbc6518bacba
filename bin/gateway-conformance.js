#!/usr/bin/env node
// gateway-conformance: the command-line tool. The suite is TypeScript, run through tsx (a
// dependency; no build step): this starts Node once more with tsx's loader and the entry,
// cli/main.ts, passes the arguments, the standard streams and signals through, and exits as it
// exits. The loader is given as an absolute URL, so the entry's own child processes (the
// self-check's batches inherit process.execArgv) load TypeScript too, wherever the package lives.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const loader = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', loader, entry, ...process.argv.slice(2)], { stdio: 'inherit' });

const forward = (signal) => () => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));

child.on('error', (e) => {
  console.error(`gateway-conformance: cannot start ${process.execPath}: ${e.message}`);
  process.exit(2);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so a shell or CI sees what happened.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 2);
});
