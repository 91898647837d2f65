// Build step: copies the two prebuilt documentation bundles (ReDoc, RapiDoc) out of their
// dev-only packages into dist/docs-assets, which the server serves. The runtime (Docker) then
// needs neither package: only these two files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const bundles = [
  { pkg: 'redoc', file: 'bundles/redoc.standalone.js', to: 'redoc' },
  { pkg: 'rapidoc', file: 'dist/rapidoc-min.js', to: 'rapidoc' },
];
for (const { pkg, file, to } of bundles) {
  const source = join(dirname(require.resolve(`${pkg}/package.json`)), file);
  const targetDir = join(root, 'dist', 'docs-assets', to);
  mkdirSync(targetDir, { recursive: true });
  const name = file.split('/').pop();
  copyFileSync(source, join(targetDir, name));
  copyFileSync(`${source}.LICENSE.txt`, join(targetDir, `${name}.LICENSE.txt`));
}
