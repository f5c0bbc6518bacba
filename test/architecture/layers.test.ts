/**
 * The layers point one way (docs/ARCHITECTURE.md §layers): lib ← contract, config ← generators ←
 * checks ← suites ← runner, reference ← reporting ← self-check, export ← cli. An import that points
 * up a layer, or across to a sibling, fails here with the file and the import named; so does a
 * cycle between files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Import, importCycles, importGraph, layerViolations } from './layers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const graph = importGraph(root);

describe('the layers of the source tree', () => {
  it('reads the imports of every layer (static, type-only and dynamic)', () => {
    const from = (f: string) => graph.filter((i) => i.from === f).map((i) => i.to);
    expect(graph.length).toBeGreaterThan(300);
    expect(from('suites/define.ts')).toContain('suites/context.ts');
    // a dynamic import: the command modules are loaded only when named
    expect(from('cli/main.ts')).toContain('cli/trace.ts');
    expect(from('bin/gateway-conformance.js')).toEqual([]);
  });

  it('no import points up a layer or across to a sibling', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('no two files import each other, directly or round a cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('the runner does not import the reference gateway, and a plain reference does not load the fault catalogue', () => {
    expect(graph.filter((i) => i.from.startsWith('runner/') && i.to.startsWith('reference/'))).toEqual([]);
    // The catalogues are loaded with import() when a fault or a dialect is asked for, never statically.
    const server = readFileSync(new URL('../../reference/server.ts', import.meta.url), 'utf8');
    expect(server).not.toMatch(/^import [^;]*from '\.\/(faults\/index|faults\/catalogue|dialects)\.ts'/m);
    expect(server).toMatch(/await import\('\.\/faults\/index\.ts'\)/);
  });

  it('fails on a planted upward import, a sibling import and a cycle', () => {
    const planted: Import[] = [...graph, { from: 'lib/values.ts', to: 'runner/run.ts' }, { from: 'runner/run.ts', to: 'reference/server.ts' }];
    expect(layerViolations(planted)).toEqual([
      'lib/values.ts imports runner/run.ts: runner/ is a layer above lib/',
      'runner/run.ts imports reference/server.ts: runner/ and reference/ are siblings of one layer',
    ]);
    const synthetic: Import[] = [
      { from: 'reporting/index.ts', to: 'reporting/junit.ts' },
      { from: 'reporting/junit.ts', to: 'reporting/terminal.ts' },
      { from: 'reporting/terminal.ts', to: 'reporting/index.ts' },
      { from: 'checks/finding.ts', to: 'runner/recorder.ts' },
    ];
    expect(importCycles(synthetic)).toEqual([['reporting/index.ts', 'reporting/junit.ts', 'reporting/terminal.ts']]);
    expect(layerViolations(synthetic)).toEqual(['checks/finding.ts imports runner/recorder.ts: runner/ is a layer above checks/']);
  });
});
