import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * A rendered customer page: its status, its HTML, and the nonce its scripts carry, if any. A page
 * whose scripts call back to the service (WebAuthn ceremonies) says so with `connectsToSelf`.
 */
export interface CustomerPage {
  status: number;
  html: string;
  scriptNonce?: string;
  connectsToSelf?: boolean;
}

/** What a page's scripts are: same-origin files and one inline script, all under one nonce. */
export interface PageScripts {
  nonce: string;
  source?: string;
  files?: string[];
}

// One stylesheet for every page of every service, allowed by its hash: pages without a script
// stay byte-identical.
export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:.4rem;background:#2448c8;color:#fff;cursor:pointer}
button.secondary{background:#e7e9f3;color:#1b1b1f}a{color:#2448c8}:focus-visible{outline:3px solid #f4a100;outline-offset:2px}
input{font:inherit;padding:.5rem;margin:.25rem 0 1rem;width:100%;box-sizing:border-box}[hidden]{display:none}.note{color:#555}
.error{color:#a4161a;font-weight:600}.method{border:1px solid #ccd;border-radius:.5rem;padding:.25rem 1rem 1rem;margin:1rem 0}
.codes{font-family:ui-monospace,monospace;font-size:1.1rem;columns:2}.secret{font-family:ui-monospace,monospace;letter-spacing:.1em}
.qr svg{width:12rem;height:12rem}.field label{display:block;font-weight:600}.field p{margin:.25rem 0}`;
const styleHash = createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64');

export function newScriptNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function layout(title: string, body: string, scripts?: PageScripts): string {
  const tags = scripts
    ? [
        ...(scripts.files ?? []).map(
          (file) => `<script nonce="${scripts.nonce}" src="${escapeHtml(file)}"></script>\n`,
        ),
        ...(scripts.source ? [`<script nonce="${scripts.nonce}">${scripts.source}</script>\n`] : []),
      ].join('')
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${body}
${tags}</body>
</html>
`;
}

export interface CustomerPageOptions {
  /** Origins forms may post to besides this one (a POST answered by a redirect there counts too). */
  formTargets: string[];
  headers?: Record<string, string | string[]>;
}

/**
 * Answers with a customer page and the headers every one of them carries: nothing cached or
 * stored, no Referer leaving it, no framing, no sniffing, and a CSP that allows only our style,
 * the page's own nonce-bearing scripts, and forms posting here (or to the listed origins).
 */
export function sendCustomerPage(
  response: ServerResponse,
  page: CustomerPage,
  options: CustomerPageOptions,
): void {
  const body = Buffer.from(page.html, 'utf8');
  response.statusCode = page.status;
  for (const [name, value] of Object.entries({
    ...customerHeaders(page, options.formTargets),
    ...options.headers,
  })) {
    response.setHeader(name, value);
  }
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

/** A 303 to the next step, with the same headers as a page. */
export function sendCustomerRedirect(
  response: ServerResponse,
  location: string,
  options: CustomerPageOptions,
): void {
  sendCustomerPage(
    response,
    { status: 303, html: '' },
    { ...options, headers: { ...options.headers, Location: location } },
  );
}

function customerHeaders(page: CustomerPage, formTargets: string[]): Record<string, string> {
  const policy = [
    "default-src 'none'",
    page.scriptNonce ? `script-src 'nonce-${page.scriptNonce}'` : "script-src 'none'",
    ...(page.connectsToSelf ? ["connect-src 'self'"] : []),
    `style-src 'sha256-${styleHash}'`,
    // The empty inline icon spares a favicon request per page.
    'img-src data:',
    `form-action ${["'self'", ...formTargets].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': policy,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
