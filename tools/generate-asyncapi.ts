// Writes docs/asyncapi.yaml and docs/schemas/<type>.json from the event catalogue in
// libs/contracts. A unit test in libs/contracts fails when the committed files are stale.
//
//   npm run asyncapi
import { eventRegistry } from '@rekey/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asyncApiPath, jsonSchemasFolder, renderContractDocuments } from '@rekey/contracts/asyncapi';

const root = path.resolve(__dirname, '..', '..');

function generate(): void {
  const files = renderContractDocuments(eventRegistry);
  const schemasFolder = path.join(root, jsonSchemasFolder);
  fs.mkdirSync(schemasFolder, { recursive: true });

  // A schema whose event left the catalogue must not linger as if it were still published.
  const expected = new Set(files.map((file) => path.join(root, file.path)));
  for (const name of fs.readdirSync(schemasFolder)) {
    const full = path.join(schemasFolder, name);
    if (name.endsWith('.json') && !expected.has(full)) {
      fs.rmSync(full);
      console.log(`removed ${path.relative(root, full)}`);
    }
  }

  for (const file of files) {
    const target = path.join(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  console.log(`wrote ${asyncApiPath} and ${files.length - 1} JSON Schemas into ${jsonSchemasFolder}`);
}

generate();
