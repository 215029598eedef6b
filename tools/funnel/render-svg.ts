import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';

/*
 * vega is an ES module with top-level await (its optional canvas import), which CommonJS — what
 * this workspace compiles to — cannot require. So a small ES-module child compiles the Vega-Lite
 * spec and renders it headless ('none' renderer: SVG with no canvas).
 */
const renderer = (vega: string, vegaLite: string) => `
import { readFileSync } from 'node:fs';
const vega = await import(${JSON.stringify(vega)});
const vegaLite = await import(${JSON.stringify(vegaLite)});
const spec = vegaLite.compile(JSON.parse(readFileSync(0, 'utf8'))).spec;
const view = new vega.View(vega.parse(spec), { renderer: 'none' });
process.stdout.write(await view.toSVG());
await view.finalize();
`;

/** Renders a Vega-Lite spec to an SVG document a browser opens as it is. */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const script = renderer(
    pathToFileURL(require.resolve('vega')).href,
    pathToFileURL(require.resolve('vega-lite')).href,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new Error(
            `rendering the chart failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`,
          ),
        );
    });
    child.stdin.end(JSON.stringify(spec));
  });
}
