import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsFilter } from '@rekey/problem-details';
import { publishOpenApi } from './openapi';

@ApiTags('waves')
@Controller('operator/waves')
class WavesController {
  @Get()
  @ApiOperation({ summary: 'Waves, newest first' })
  list(): string[] {
    return [];
  }
}

/** A small application with the service runtime's OpenAPI publishing, on an ephemeral port. */
export async function startOpenApiApplication(
  enabled: boolean,
): Promise<{ app: INestApplication; url: string }> {
  const testingModule = await Test.createTestingModule({ controllers: [WavesController] }).compile();
  const app = testingModule.createNestApplication({ logger: false, forceCloseConnections: true });
  app.useGlobalFilters(new ProblemDetailsFilter());
  publishOpenApi(app, { name: 'example', description: 'An example service.', version: '0.1.0' }, { enabled });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
