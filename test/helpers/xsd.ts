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
  // fails to validate"); located nowhere and naming no document, it is the run's: every document's.
  const namesOther = (message: string, name: string) => /^document-\d+\.xml /.test(message) && !message.startsWith(`${name} `);
  const errorsOf = (name: string) => result.errors.filter((e) => (e.loc === null ? !namesOther(e.message, name) : e.loc.fileName === name)).map((e) => e.message);
  return names.map((name) => {
    const errors = errorsOf(name);
    return { valid: errors.length === 0 && (result.valid || xmls.length > 1), errors };
  });
}
