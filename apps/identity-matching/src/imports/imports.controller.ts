import type { IncomingMessage } from 'node:http';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import type { DirectoryImport, ImportReport } from './domain/directory-import';
import { DirectoryFileRefused } from './domain/directory-import.errors';
import type { FieldWarning, Rejection } from './domain/directory-row';
import { ImportDirectory } from './import-directory';
import { ImportQueries } from './import-queries';
import { baseFileName, UPLOAD_MEDIA_TYPES, uploadFormat } from './upload-format';

const ImportQuery = z.strictObject({
  directory: z.enum(['legacy', 'target']),
  format: z.enum(['csv', 'ndjson']).optional(),
  fileName: z.string().trim().min(1).max(1_000).optional(),
});

const ImportId = z.object({ id: z.uuid() });

/** Rejections are paged by line (one per line); warnings by position (a line may have several). */
const PageQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

/** Operators upload legacy and target directory exports and read what became of each line. */
@ApiTags('imports')
@ApiBearerAuth('operator')
@Controller('operator/imports')
@RequireScopes('imports:write')
export class ImportsController {
  constructor(
    private readonly importDirectory: ImportDirectory,
    private readonly queries: ImportQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Import a directory export',
    description:
      'The request body is the file itself (CSV with a header row, or NDJSON), streamed: it is read as ' +
      'fast as the database takes the records. Answers the counts, the known columns the file lacked, the ' +
      'first rejections (lines without a usable account id, repeated ids) and the first field warnings ' +
      '(values left out of lines that were imported). A file that is not a directory export of the format, ' +
      'or that names a column that is neither a directory column nor a declared extra attribute, is ' +
      'refused whole with 422 and nothing is imported.',
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'directory', enum: ['legacy', 'target'] })
  @ApiQuery({
    name: 'format',
    enum: ['csv', 'ndjson'],
    required: false,
    description: 'Must agree with Content-Type.',
  })
  @ApiQuery({
    name: 'fileName',
    required: false,
    description: 'The uploaded file name, for reports and refusals.',
  })
  @ApiResponse({
    status: 201,
    description:
      'Imported: counts, missingColumns, and the first rejections and warnings (line, field, reason).',
  })
  @ApiResponse({
    status: 415,
    description: 'Not text/csv or application/x-ndjson, or not the format asked for.',
  })
  @ApiResponse({
    status: 422,
    description: 'Refused whole: binary, not UTF-8, not NDJSON, no id column, or an unknown column or key.',
  })
  async upload(
    @Query() query: unknown,
    @Req() request: IncomingMessage,
    @Actor() actor: OperatorActor,
  ): Promise<ImportReportView> {
    const { directory, format: requested, fileName } = parseBody(ImportQuery, query);
    const format = uploadFormat(request.headers['content-type'], requested);
    // Not destroyed when reading stops early, so a refused upload still gets its 422 answer; what
    // is left of the body is then drained, so the connection can carry the client's next request.
    const body = request.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
    let report: ImportReport;
    try {
      report = await this.importDirectory.execute(body, {
        directory,
        format,
        fileName:
          baseFileName(fileName ?? `${directory}.${format}`).slice(0, 255) || `${directory}.${format}`,
        actor: { subject: actor.subject, role: 'operator' },
      });
    } finally {
      if (!request.readableEnded) request.resume();
    }
    if (report.status === 'refused') {
      throw new DirectoryFileRefused(report.fileName, report.refusal ?? 'not a directory export', report.id);
    }
    return { ...importView(report), rejections: report.rejections, warnings: report.warnings };
  }

  @Get(':id')
  @ApiOperation({ summary: "An import's status and counts" })
  @ApiParam({ name: 'id', format: 'uuid' })
  async find(@Param('id') id: string): Promise<ImportView> {
    return importView(await this.queries.directoryImport(parseBody(ImportId, { id }).id));
  }

  @Get(':id/rejections')
  @ApiOperation({ summary: "An import's stored rejections, in line order, paged by line" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'after', required: false, description: 'Return rejections of lines after this one.' })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many (1–1000, default 100).' })
  async rejections(
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<{ importId: string; rejections: Rejection[]; next: number | null }> {
    const importId = parseBody(ImportId, { id }).id;
    const { after, limit } = parseBody(PageQuery, query);
    const rejections = await this.queries.rejections(importId, after, limit);
    const last = rejections.at(-1);
    return { importId, rejections, next: rejections.length === limit && last ? last.line : null };
  }

  @Get(':id/warnings')
  @ApiOperation({ summary: "An import's stored field warnings, in the order read, paged by position" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'after', required: false, description: 'The `next` of the previous page (default 0).' })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many (1–1000, default 100).' })
  async warnings(
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<{ importId: string; warnings: FieldWarning[]; next: number | null }> {
    const importId = parseBody(ImportId, { id }).id;
    const { after, limit } = parseBody(PageQuery, query);
    const page = await this.queries.warnings(importId, after, limit);
    const last = page.at(-1);
    return {
      importId,
      warnings: page.map(({ warning }) => warning),
      next: page.length === limit && last ? last.position : null,
    };
  }
}

interface ImportView {
  id: string;
  directory: string;
  format: string;
  fileName: string;
  status: string;
  refusal?: string;
  counts: DirectoryImport['counts'];
  missingColumns: DirectoryImport['missingColumns'];
  importedBy: string;
  startedAt: string;
  finishedAt?: string;
}

type ImportReportView = ImportView & Pick<ImportReport, 'rejections' | 'warnings'>;

function importView(found: DirectoryImport): ImportView {
  return {
    id: found.id,
    directory: found.directory,
    format: found.format,
    fileName: found.fileName,
    status: found.status,
    ...(found.refusal ? { refusal: found.refusal } : {}),
    counts: found.counts,
    missingColumns: found.missingColumns,
    importedBy: found.importedBy.subject,
    startedAt: found.startedAt.toISOString(),
    ...(found.finishedAt ? { finishedAt: found.finishedAt.toISOString() } : {}),
  };
}
