/** Validates XML against the project's exported XSDs with libxml2 (xmllint-wasm). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { XSD_FILES } from '../../export/xsd.ts';

const xsd = (name: string) => ({ fileName: name, contents: readFileSync(fileURLToPath(new URL(`../../contract/xsd/${name}`, import.meta.url)), 'utf8') });

export async function validateAgainst(main: 'bindingModels' | 'serviceStack', xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [xsd(XSD_FILES[main])],
    preload: main === 'bindingModels' ? [xsd(XSD_FILES.commonDto)] : [],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}
