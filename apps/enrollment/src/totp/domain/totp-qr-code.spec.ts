import QRCode from 'qrcode';
import { renderTotpQrCode } from './totp-qr-code';
import { newTotpSecret, totpUri } from './totp-secret';

const uri = totpUri(
  newTotpSecret((size) => Buffer.alloc(size, 0x5a)),
  { issuer: 'Rekey', accountLabel: 'Account' },
);

describe('renderTotpQrCode', () => {
  it('is one <svg> element whose <title> a screen reader announces', async () => {
    const svg = await renderTotpQrCode(uri, { title: 'QR code to scan with your authenticator app' });
    expect(svg.startsWith('<svg role="img" aria-labelledby="totp-qr-code-title" ')).toBe(true);
    expect(svg).toContain(
      '<title id="totp-qr-code-title">QR code to scan with your authenticator app</title>',
    );
    expect(svg.indexOf('<title')).toBeLessThan(svg.indexOf('<path'));
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
  });

  it('holds nothing a strict CSP blocks: no style, script, link, image or event handler', async () => {
    const svg = await renderTotpQrCode(uri, { title: 'QR code' });
    expect(svg).not.toMatch(/\sstyle\s*=/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).not.toMatch(/<script|<image|<foreignObject|<use\b/i);
    expect(svg).not.toMatch(/\s(href|xlink:href|src)\s*=/i);
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toMatch(/url\(|javascript:|data:/i);
    const elements = [...svg.matchAll(/<([a-zA-Z]+)/g)].map((match) => match[1]);
    expect(new Set(elements)).toEqual(new Set(['svg', 'title', 'path']));
  });

  it('draws the QR code of the URI with a four-module quiet zone', async () => {
    const svg = await renderTotpQrCode(uri, { title: 'QR code' });
    const modules = QRCode.create(uri, { errorCorrectionLevel: 'M' }).modules.size;
    expect(svg).toContain(`viewBox="0 0 ${modules + 8} ${modules + 8}"`);
    expect(svg).not.toContain(uri);
  });

  it('escapes the title and its id', async () => {
    const svg = await renderTotpQrCode(uri, { title: '<script>"x" & y</script>', titleId: 'a"b' });
    expect(svg).toContain('<title id="a&quot;b">&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;</title>');
    expect(svg).toContain('aria-labelledby="a&quot;b"');
  });
});
