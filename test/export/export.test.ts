/**
 * The exported files (XSDs, WSDL, clause ids, OpenAPI, JSON Schemas, examples) are generated from
 * the contract and committed; the XSDs validate the seed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportedFiles } from '../../export/files.ts';
import { TYPES } from '../../contract/put-customer.ts';
import { writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { customer } from '../helpers/customers.ts';
import { SEED_CUSTOMER_DETAIL_XML, SEED_PUT_CUSTOMER_REQUEST_XML } from '../helpers/seed.ts';
import { validateAgainst } from '../helpers/xsd.ts';

/** Folders whose every file is generated. */
const GENERATED_DIRS = ['contract/openapi', 'contract/json-schema', 'contract/examples', 'contract/xsd'];

const repoFile = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe('exported files', () => {
  const files = exportedFiles();
  it.each(Object.keys(files))('%s is exactly what the contract data generates (run `npm run contract:export`)', (path) => {
    expect(repoFile(path)).toBe(files[path]);
  });

  it.each(GENERATED_DIRS)('every file under %s is one the contract data generates (delete any other)', (dir) => {
    const onDisk = readdirSync(fileURLToPath(new URL(`../../${dir}`, import.meta.url)), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(fileURLToPath(new URL('../../', import.meta.url)), join(e.parentPath, e.name)).split(sep).join('/'));
    expect(onDisk.filter((p) => !(p in files))).toEqual([]);
  });
});

describe('the XSDs validate the seed samples', () => {
  it('the seed sample PutCustomer request is valid', async () => {
    expect(await validateAgainst('bindingModels', SEED_PUT_CUSTOMER_REQUEST_XML)).toEqual({ valid: true, errors: [] });
  });

  it('the seed sample CustomerDetail response is valid', async () => {
    expect(await validateAgainst('bindingModels', SEED_CUSTOMER_DETAIL_XML)).toEqual({ valid: true, errors: [] });
  });
});

describe('the XSDs reject what the contract forbids', () => {
  const xml = (overrides: Record<string, unknown>) => writeDataContractXml(TYPES, 'PutCustomer', customer(overrides as never));

  it('a valid customer written by the project serializer is valid', async () => {
    expect((await validateAgainst('bindingModels', xml({}))).valid).toBe(true);
  });

  it('CustomerName of exactly 100 characters is accepted', async () => {
    expect((await validateAgainst('bindingModels', xml({ CustomerName: 'n'.repeat(100) }))).valid).toBe(true);
  });

  it('CustomerName of 101 characters is rejected', async () => {
    expect((await validateAgainst('bindingModels', xml({ CustomerName: 'n'.repeat(101) }))).valid).toBe(false);
  });

  it('a PutCustomer without CustomerName is rejected', async () => {
    expect((await validateAgainst('bindingModels', xml({ CustomerName: undefined }))).valid).toBe(false);
  });

  it('an ActivationStatus outside the enumeration is rejected', async () => {
    expect((await validateAgainst('bindingModels', xml({ ActivationStatus: 'Enabled' }))).valid).toBe(false);
  });

  it('members out of DataContract order are rejected', async () => {
    const swapped = xml({}).replace(/(<CustomerId>.*?<\/CustomerId>)(<CustomerName>.*?<\/CustomerName>)/, '$2$1');
    expect(swapped).not.toBe(xml({}));
    expect((await validateAgainst('bindingModels', swapped)).valid).toBe(false);
  });
});
