import { parseDocument, DomUtils } from 'htmlparser2';
import { funnelSvg } from './print-funnel';
import { funnelText } from './funnel-text';
import { sampleFunnel } from './sample-funnel';

describe('the funnel chart', () => {
  it('renders an SVG document that names every step, the optional step-up and the segments', async () => {
    const svg = await funnelSvg(sampleFunnel());
    const document = parseDocument(svg, { xmlMode: true });
    const root = DomUtils.findOne((node) => node.name === 'svg', document.children);
    expect(root?.attribs['xmlns']).toBe('http://www.w3.org/2000/svg');
    const texts = DomUtils.findAll((node) => node.name === 'text', document.children).map((node) =>
      DomUtils.textContent(node),
    );
    for (const label of [
      'linked',
      'notified',
      'link issued',
      'redeemed',
      'stepped up (optional)',
      'enrolled',
      'legacy revoked (migrated)',
      'privileged',
      'standard',
      'Migration funnel: Standard accounts, first wave',
    ]) {
      expect(texts).toContain(label);
    }
    // Counts and conversion beside the whole wave's bars.
    expect(texts).toContain('120 · 98% to next');
    expect(texts).toContain('9 of 12 needing it');
  }, 30_000);
});

describe('funnelText', () => {
  it('prints each step with its conversion, step-up with its own denominator, and the timings', () => {
    const text = funnelText(sampleFunnel());
    expect(text).toContain('before its cutoff (2026-12-20T10:00:00.000Z): who stopped may still go on');
    expect(text).toMatch(/link issued\s+115\s+78\.3%\s+25/);
    expect(text).toMatch(/stepped up \(optional, of 12 needing it\)\s+9\s+75\.0%\s+3/);
    expect(text).toContain('issue → migrated: p50 95.5 s, p90 6.8 min (66 journeys)');
    expect(text).toContain('segment privileged (20 journeys)');
  });

  it('says abandonment is final once the wave is past its cutoff', () => {
    const funnel = { ...sampleFunnel(), abandonment: 'final' as const };
    funnel.wave = { ...funnel.wave, pastCutoff: true };
    const text = funnelText(funnel);
    expect(text).toContain('past its cutoff: who stopped has abandoned');
    expect(text.split('\n').find((line) => line.startsWith('step'))).toContain('abandoned');
  });
});
