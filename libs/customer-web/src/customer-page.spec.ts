import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { layout, newScriptNonce, PAGE_STYLE, sendCustomerPage } from './customer-page';

function headersOf(send: (response: ServerResponse) => void): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  send({
    statusCode: 0,
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = value),
    end: () => undefined,
  } as unknown as ServerResponse);
  return headers;
}

describe('customer pages', () => {
  it('allow their stylesheet by hash and nothing else by default', () => {
    const headers = headersOf((response) =>
      sendCustomerPage(response, { status: 200, html: layout('t', '<main></main>') }, { formTargets: [] }),
    );
    const csp = headers['content-security-policy'] as string;
    const styleHash = createHash('sha256').update(PAGE_STYLE).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${styleHash}'`);
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('connect-src');
    expect(headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
  });

  it('give every script, inline or same-origin file, the page nonce, and let WebAuthn pages call home', () => {
    const nonce = newScriptNonce();
    const html = layout('t', '<main></main>', {
      nonce,
      files: ['/enroll/assets/webauthn.js'],
      source: 'go()',
    });
    expect(html).toContain(`<script nonce="${nonce}" src="/enroll/assets/webauthn.js"></script>`);
    expect(html).toContain(`<script nonce="${nonce}">go()</script>`);
    const headers = headersOf((response) =>
      sendCustomerPage(
        response,
        { status: 200, html, scriptNonce: nonce, connectsToSelf: true },
        { formTargets: [] },
      ),
    );
    expect(headers['content-security-policy']).toContain(`script-src 'nonce-${nonce}'`);
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
  });
});
