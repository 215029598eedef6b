// Compiles apps/, libs/, tools/ and bench/ to dist/ (same layout) with SWC; aliases become
// relative requires, so `node dist/apps/<service>/src/main.js` runs with no loader. JSON files
// under a src/ folder (the service catalog) are required by the compiled code, so they are copied.
const path = require('node:path');
const fs = require('node:fs');
const { transformFile } = require('@swc/core');
const { root, swcOptions } = require('./swc-options.cjs');

const sourceFolders = ['apps', 'libs', 'tools', 'bench'];
const skipped = /(\.spec\.ts|\.d\.ts)$/;

function* sourceFiles(folder, inSource = false) {
  if (!fs.existsSync(folder)) return;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sourceFiles(full, inSource || entry.name === 'src');
    } else if (entry.name.endsWith('.ts') && !skipped.test(entry.name)) {
      yield full;
    } else if (inSource && entry.name.endsWith('.json')) {
      yield full;
    }
  }
}

async function build() {
  const started = Date.now();
  const options = swcOptions();
  const files = sourceFolders.flatMap((folder) => [...sourceFiles(path.join(root, folder))]);
  const outDir = path.join(root, 'dist');
  await Promise.all(
    files.map(async (file) => {
      if (file.endsWith('.json')) {
        const target = path.join(outDir, path.relative(root, file));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        return fs.promises.copyFile(file, target);
      }
      const output = await transformFile(file, { ...options, filename: file });
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, output.code);
    }),
  );
  // stderr, so that the stdout of a tool run right after the build (npm run token) stays its own.
  console.error(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
