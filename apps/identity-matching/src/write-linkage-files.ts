/**
 * `npm run linkage:files`: writes apps/identity-matching/linkage.default.json (the default linkage
 * configuration, the one the matching benchmark measures) and linkage.schema.json (its JSON
 * Schema, for editors and reviews). identity-matching's specs fail when either is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { linkageFiles } from './matching/linkage-files';

// Run from dist/apps/identity-matching/src: the files go beside the sources' README.
const directory = path.resolve(__dirname, '../../../../apps/identity-matching');
for (const [name, content] of Object.entries(linkageFiles())) {
  writeFileSync(path.join(directory, name), content);
  process.stdout.write(`wrote apps/identity-matching/${name}\n`);
}
