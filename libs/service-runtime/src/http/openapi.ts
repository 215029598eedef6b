import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export interface OpenApiOptions {
  /** `OPENAPI_DOCS`: false publishes neither the page nor the document. */
  enabled: boolean;
}

// The page's scripts and stylesheet come from the service itself. Its styles are partly inline
// (Swagger UI's template has <style> blocks and a style attribute), which is why styles alone get
// 'unsafe-inline'; scripts never do. img-src allows data: for the icons the stylesheet embeds.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every page Rekey serves carries; the OpenAPI page and its assets too. */
export const openApiPageHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function setPageHeaders(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  for (const [name, value] of Object.entries(openApiPageHeaders)) response.setHeader(name, value);
  next();
}

/** Publishes the service's OpenAPI document at /docs (UI) and /docs-json, unless turned off. */
export function publishOpenApi(
  app: INestApplication,
  service: { name: string; description: string; version: string },
  options: OpenApiOptions = { enabled: true },
): OpenAPIObject | undefined {
  if (!options.enabled) return undefined;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Rekey ${service.name}`)
      .setDescription(service.description)
      .setVersion(service.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'operator')
      .build(),
  );
  // Registered before the page's own routes, so that they answer with the headers set.
  app.use('/docs', setPageHeaders);
  app.use('/docs-json', setPageHeaders);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // The default validator badge loads an image from validator.swagger.io, and sends it the
    // document's address: neither belongs on an operator's page.
    swaggerOptions: { validatorUrl: null },
  });
  return document;
}
