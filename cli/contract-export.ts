/** `npm run contract:export`: writes the WSDL and XSDs generated from the contract data. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { exportedFiles } from '../export/files.ts';

const root = PACKAGE_ROOT;
for (const [path, text] of Object.entries(exportedFiles())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
