import QRCode from 'qrcode';

export interface TotpQrCodeOptions {
  /** What a screen reader announces for the image, in the page's language. */
  title: string;
  /** The id of the <title>, unique in the page, that the <svg> names itself by. */
  titleId?: string;
}

/**
 * The otpauth URI as an inline SVG, rendered on the server: no script, no third-party asset.
 * The markup carries presentation attributes only (fill, stroke, shape-rendering) and no style
 * attribute or <style> element, so a strict `style-src` with hashes lets it through. Quiet zone
 * of four modules, as the QR specification asks; error correction M survives a smudged screen.
 * It scales to its container: the page's own stylesheet gives it a size.
 */
export async function renderTotpQrCode(uri: string, options: TotpQrCodeOptions): Promise<string> {
  const titleId = options.titleId ?? 'totp-qr-code-title';
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const opening = svg.match(/^<svg\b[^>]*>/);
  if (!opening) throw new Error('the QR code renderer gave no <svg> element');
  const accessible = opening[0].replace(/^<svg\b/, `<svg role="img" aria-labelledby="${escapeXml(titleId)}"`);
  return `${accessible}<title id="${escapeXml(titleId)}">${escapeXml(options.title)}</title>${svg
    .slice(opening[0].length)
    .trim()}`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (character) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character] ?? '',
  );
}
