import type { INestApplication } from '@nestjs/common';
import { startOpenApiApplication } from './openapi.fixture';

describe('the OpenAPI page', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startOpenApiApplication(true));
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css', '/docs-json'])(
    'answers %s with the page headers',
    async (path) => {
      const response = await fetch(`${url}${path}`);

      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    },
  );

  it('still serves the document it describes', async () => {
    const document = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, unknown> };

    expect(Object.keys(document.paths)).toContain('/operator/waves');
  });
});

describe('the OpenAPI page turned off (OPENAPI_DOCS=false)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startOpenApiApplication(false));
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['/docs', '/docs-json'])('answers %s with a 404 problem', async (path) => {
    const response = await fetch(`${url}${path}`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
