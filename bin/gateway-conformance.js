#!/usr/bin/env node
// gateway-conformance: the command-line tool.
// - In the installed package the compiled JavaScript (dist/, built by `npm pack`) runs in this very
//   process: no loader, no second process, nothing compiled at start.
// - In a clone (the TypeScript sources are here and tsx, a devDependency, is installed) the sources
//   run through tsx, as `npm ci && npm run conformance` always did: what runs is the code as it is
//   now, never a dist/ left over from an earlier build. Node is started once more with tsx's loader
//   (an absolute URL, so the self-check's batches, which inherit process.execArgv, load TypeScript
//   too); arguments, standard streams and signals pass through, and this exits as the child exits.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../cli/main.ts', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);

/** tsx's loader when the sources are here and tsx is installed (a clone), else undefined. */
function tsxLoader() {
  if (!existsSync(source)) return undefined;
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

const loader = tsxLoader();
if (loader === undefined) {
  if (!existsSync(compiled)) {
    console.error('gateway-conformance: nothing to run: neither the compiled JavaScript (dist/: `npm run build`) nor tsx for the sources (`npm ci`) is installed');
    process.exit(2);
  }
  const { main } = await import(compiled.href);
  await main(process.argv.slice(2));
} else {
  const child = spawn(process.execPath, ['--import', loader, fileURLToPath(source), ...process.argv.slice(2)], { stdio: 'inherit' });
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
}
