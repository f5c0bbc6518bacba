/** Every file exported from the contract data, by path relative to the repository root. */
import { CLAUSE_IDS_PATH, generateClauseIds } from './clause-ids.ts';
import { generateExamples } from './examples.ts';
import { JSON_SCHEMA_DIR, generateJsonSchemas } from './json-schema.ts';
import { OPENAPI_PATH, generateOpenApi } from './openapi.ts';
import { generateWsdl } from './wsdl.ts';
import { generateXsds } from './xsd.ts';
import { WSDL_PATH } from '../contract/mark-customer-as-synchronized.ts';

export const XSD_DIR = 'contract/xsd';

export function exportedFiles(): Record<string, string> {
  const files: Record<string, string> = { [WSDL_PATH]: generateWsdl(), [CLAUSE_IDS_PATH]: generateClauseIds() };
  for (const [name, text] of Object.entries(generateXsds())) files[`${XSD_DIR}/${name}`] = text;
  files[OPENAPI_PATH] = generateOpenApi();
  for (const [name, text] of Object.entries(generateJsonSchemas())) files[`${JSON_SCHEMA_DIR}/${name}`] = text;
  Object.assign(files, generateExamples());
  return files;
}
