import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Publishes the service's OpenAPI document at /docs (UI) and /docs-json. */
export function publishOpenApi(
  app: INestApplication,
  service: { name: string; description: string; version: string },
) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Rekey ${service.name}`)
      .setDescription(service.description)
      .setVersion(service.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'operator')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
