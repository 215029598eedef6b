import type { ServerResponse } from 'node:http';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { EvidenceSelection } from './evidence-selection';
import { ExportEvidence } from './export-evidence';

@ApiTags('evidence')
@ApiBearerAuth('operator')
@Controller('operator/audit')
@RequireScopes('audit:read')
export class EvidenceController {
  constructor(private readonly exportEvidence: ExportEvidence) {}

  @Get('evidence')
  @ApiOperation({
    summary:
      'Evidence for one account, journey or wave as NDJSON: its records, the links to the covering checkpoint, the checkpoints',
  })
  @ApiQuery({ name: 'account', required: false, description: 'A legacy account id.' })
  @ApiQuery({ name: 'journey', required: false, description: 'A journey id.' })
  @ApiQuery({ name: 'wave', required: false, description: 'A wave id.' })
  async evidence(@Query() query: unknown, @Res() response: ServerResponse): Promise<void> {
    // Checked before the first byte goes out, so a bad query still gets its problem+json.
    const selection = parseBody(EvidenceSelection, query);
    const lines = this.exportEvidence.execute(selection);
    const first = await lines.next();
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/x-ndjson');
    response.setHeader('Content-Disposition', 'attachment; filename="audit-evidence.ndjson"');
    response.setHeader('Cache-Control', 'no-store');
    if (!first.done) response.write(first.value);
    for await (const text of lines) {
      if (!response.write(text)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }
}
