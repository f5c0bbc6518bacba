/** Validates XML against the project's exported XSDs with libxml2 (xmllint-wasm). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { XSD_FILES } from '../../export/xsd.ts';

const xsd = (name: string) => ({ fileName: name, contents: readFileSync(fileURLToPath(new URL(`../../contract/xsd/${name}`, import.meta.url)), 'utf8') });

export async function validateAgainst(main: 'bindingModels' | 'serviceStack', xml: string): Promise<{ valid: boolean; errors: string[] }> {
  return (await validateEachAgainst(main, [xml]))[0]!;
}

/** Each document validated, in one libxml2 run (a run costs about as much as a hundred small documents). */
export async function validateEachAgainst(main: 'bindingModels' | 'serviceStack', xmls: readonly string[]): Promise<{ valid: boolean; errors: string[] }[]> {
  const names = xmls.map((_, i) => `document-${i}.xml`);
  const result = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: names[i]!, contents })),
    schema: [xsd(XSD_FILES[main])],
    preload: main === 'bindingModels' ? [xsd(XSD_FILES.commonDto)] : [],
  });
  // An error is a document's when it is located in it or, located nowhere, names it ("document-1.xml
  // fails to validate"). Any other error (located nowhere, or in a schema) is the run's: every
  // document's. So is a failed run that reported no error at all.
  const documentOf = (e: (typeof result.errors)[number]): string | undefined => {
    if (e.loc !== null && names.includes(e.loc.fileName)) return e.loc.fileName;
    const named = /^(document-\d+\.xml) /.exec(e.message)?.[1];
    return named !== undefined && names.includes(named) ? named : undefined;
  };
  const runErrors = result.errors.filter((e) => documentOf(e) === undefined).map((e) => e.message);
  if (!result.valid && result.errors.length === 0) runErrors.push('libxml2 reported the documents invalid without an error');
  return names.map((name) => {
    const errors = [...result.errors.filter((e) => documentOf(e) === name).map((e) => e.message), ...runErrors];
    return { valid: errors.length === 0, errors };
  });
}
