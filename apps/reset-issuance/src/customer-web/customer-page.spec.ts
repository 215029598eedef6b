import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { PAGE_STYLE, sendCustomerPage } from '@rekey/customer-web';
import { linkPage } from './pages/link-page';
import { linkUnusablePage, stepUpCodePage } from './pages/outcome-pages';

/** Collects what a page would send, without a socket. */
function captured(send: (response: ServerResponse) => void) {
  const headers: Record<string, unknown> = {};
  const sent: { status: number; headers: Record<string, unknown>; body: Buffer } = {
    status: 0,
    headers,
    body: Buffer.alloc(0),
  };
  const response = {
    set statusCode(status: number) {
      sent.status = status;
    },
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = value),
    end: (body: Buffer) => void (sent.body = body),
  } as unknown as ServerResponse;
  send(response);
  return sent;
}

const options = { formTargets: ['https://enroll.example'] };

describe('customer pages', () => {
  it('render the failure page byte for byte the same every time', () => {
    const first = captured((response) => sendCustomerPage(response, linkUnusablePage(), options));
    const second = captured((response) => sendCustomerPage(response, linkUnusablePage(), options));
    expect(second).toEqual(first);
    expect(first.status).toBe(400);
  });

  it('carry the headers that keep them out of caches, referers and frames', () => {
    const { headers } = captured((response) => sendCustomerPage(response, linkUnusablePage(), options));
    expect(headers).toMatchObject({
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    const csp = headers['content-security-policy'] as string;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("form-action 'self' https://enroll.example");
    const styleHash = createHash('sha256').update(PAGE_STYLE).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${styleHash}'`);
  });

  it('give the link page a fresh nonce, allowed by its CSP, and no inline handlers', () => {
    const first = linkPage();
    const second = linkPage();
    expect(first.scriptNonce).not.toBe(second.scriptNonce);
    expect(first.html).toContain(`<script nonce="${first.scriptNonce}">`);
    expect(first.html).not.toMatch(/\son[a-z]+=/);
    const { headers } = captured((response) => sendCustomerPage(response, first, options));
    expect(headers['content-security-policy']).toContain(`script-src 'nonce-${first.scriptNonce}'`);
  });

  it('escape what they show', () => {
    expect(stepUpCodePage('<b>*@x', false).html).toContain('&#60;b&#62;*@x');
  });

  it('tie a refused step-up code to its field, so a screen reader reads the error with it', () => {
    const refused = stepUpCodePage('+44********00', true).html;
    expect(refused).toContain('<p id="code-error" class="error">That code did not work.');
    expect(refused).toMatch(/<input id="code"[^>]* aria-invalid="true" aria-describedby="code-error">/);
    expect(stepUpCodePage('+44********00', false).html).not.toContain('aria-describedby');
  });
});
