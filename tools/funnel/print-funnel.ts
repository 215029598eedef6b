import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { waveFunnel, type FunnelView } from '../operator-api/audit-funnel-api';
import { funnelChartSpec } from './funnel-chart-spec';
import { funnelText } from './funnel-text';
import { renderSvg } from './render-svg';

export interface PrintFunnelOptions {
  auditUrl: string;
  /** An operator token with audit:read. */
  token: string;
  waveId: string;
  /** Where the SVG goes, as `<waveId>.svg` (default tmp/funnel). */
  outDir?: string;
  /** Where the table goes (default stdout). */
  write?: (text: string) => void;
}

/** The SVG chart of a funnel. */
export function funnelSvg(funnel: FunnelView): Promise<string> {
  return renderSvg(funnelChartSpec(funnel));
}

/**
 * Prints a wave's funnel as a table and writes its SVG chart; answers the funnel and the SVG's
 * path. `npm run funnel` and the demo's last step both call it.
 */
export async function printFunnel(
  options: PrintFunnelOptions,
): Promise<{ funnel: FunnelView; svgPath: string }> {
  const write = options.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  const funnel = await waveFunnel(options.auditUrl, options.token, options.waveId);
  write(funnelText(funnel));
  const outDir = path.resolve(options.outDir ?? path.join('tmp', 'funnel'));
  await mkdir(outDir, { recursive: true });
  const svgPath = path.join(outDir, `${options.waveId}.svg`);
  await writeFile(svgPath, await funnelSvg(funnel));
  write(`\nfunnel chart: ${svgPath}`);
  return { funnel, svgPath };
}
