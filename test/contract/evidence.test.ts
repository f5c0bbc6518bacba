/**
 * Every clause's evidence resolves in a clone of this repository: each document it names
 * (`PLATFORM-NOTES.md`, `INTERPRETING.md`) is a file of the project that git does not ignore, and
 * each section it points at (`§errors`) is an anchor (`{#errors}`) of that document. Evidence never
 * points outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = 'docs';

/** The references of one evidence text: each `§anchor` belongs to the document named last before it. */
function evidenceReferences(evidence: string): { document: string; anchor?: string }[] {
  const refs: { document: string; anchor?: string }[] = [];
  let document: string | undefined;
  for (const m of evidence.matchAll(/\b([A-Z][A-Z0-9-]*\.md)\b|§([a-z0-9][a-z0-9-]*)/g)) {
    if (m[1]) {
      document = m[1];
      refs.push({ document });
    } else if (document) refs.push({ document, anchor: m[2]! });
    else refs.push({ document: '(none)', anchor: m[2]! });
  }
  return refs;
}

const anchorsOf = (text: string) => new Set([...text.matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1]!));

/** Asked of git once per document (about 150 references name two documents). */
const ignored = new Map<string, boolean>();
function ignoredByGit(path: string): boolean {
  let answer = ignored.get(path);
  if (answer === undefined) {
    try {
      execFileSync('git', ['check-ignore', '-q', path], { cwd: root, stdio: 'ignore' });
      answer = true; // exit 0: ignored
    } catch {
      answer = false; // exit 1: not ignored (or no git: nothing to say)
    }
    ignored.set(path, answer);
  }
  return answer;
}

describe('clause evidence resolves in a clone', () => {
  const withEvidence = ALL_CLAUSES.filter((c) => c.evidence !== undefined);

  it('evidenceReferences: each section belongs to the document named last before it', () => {
    expect(evidenceReferences('INTERPRETING.md §soap-success; §fault; PLATFORM-NOTES.md §errors (400)')).toEqual([
      { document: 'INTERPRETING.md' },
      { document: 'INTERPRETING.md', anchor: 'soap-success' },
      { document: 'INTERPRETING.md', anchor: 'fault' },
      { document: 'PLATFORM-NOTES.md' },
      { document: 'PLATFORM-NOTES.md', anchor: 'errors' },
    ]);
  });

  it('every clause that is not a sentence of the seed has evidence pointing at a section of a project document', () => {
    const missing = ALL_CLAUSES.filter((c) => c.source !== 'seed' && !evidenceReferences(c.evidence ?? '').some((r) => r.anchor !== undefined && r.document !== '(none)'));
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  it('no evidence points outside the repository (REFERENCE-NOTES.md is not part of it)', () => {
    expect(withEvidence.filter((c) => /REFERENCE-NOTES/.test(c.evidence!)).map((c) => c.id)).toEqual([]);
  });

  it('every document named exists in docs/ and is not ignored by git; every section named is an anchor of it', () => {
    const problems: string[] = [];
    for (const c of withEvidence) {
      for (const ref of evidenceReferences(c.evidence!)) {
        const path = join(DOCS, ref.document);
        if (ref.document === '(none)') problems.push(`${c.id}: §${ref.anchor} names no document`);
        else if (!existsSync(join(root, path))) problems.push(`${c.id}: ${path} does not exist`);
        else if (ignoredByGit(path)) problems.push(`${c.id}: ${path} is ignored by git, so a clone lacks it`);
        else if (ref.anchor && !anchorsOf(readFileSync(join(root, path), 'utf8')).has(ref.anchor)) problems.push(`${c.id}: ${path} has no section {#${ref.anchor}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the anchors of each project document are unique', () => {
    for (const doc of ['INTERPRETING.md', 'PLATFORM-NOTES.md']) {
      const all = [...readFileSync(join(root, DOCS, doc), 'utf8').matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1]);
      expect(all.length, doc).toBe(new Set(all).size);
    }
  });
});
