/** Moved: the CLI lives in runner/cli.ts. */
import '../runner/cli.ts';
