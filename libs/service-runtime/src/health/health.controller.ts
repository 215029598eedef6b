import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@rekey/operator-auth';
import { DataSource } from 'typeorm';
import { MessagingRuntime } from '../messaging/messaging-runtime';

/** The slice of the HTTP adapter's response this controller uses. */
interface ProbeResponse {
  status(code: number): { json(body: unknown): void };
}

type Check = { status: 'up' | 'down'; detail?: Record<string, unknown> };

/**
 * Liveness says the process can serve; readiness says it should get traffic: its database
 * answers, the broker answers, every consumer has joined its group, and it is not shutting down.
 */
@ApiTags('health')
@Controller('health')
// Probes come from the orchestrator, which holds no operator token.
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingRuntime,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up.' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Database, broker and consumers are ready.' })
  @ApiServiceUnavailableResponse({
    description: 'Something the service needs is not ready; the body says what.',
  })
  async ready(@Res() response: ProbeResponse): Promise<void> {
    const [database, broker, lag] = await Promise.all([this.database(), this.broker(), this.lag()]);
    const joined = this.messaging.consumerStatus();
    const consumers = Object.fromEntries(
      Object.entries(joined).map(([name, isJoined]) => [name, { joined: isJoined, lag: lag[name] ?? null }]),
    );
    const checks: Record<string, Check> = {
      database,
      broker,
      // A backlog is reported, not fatal: taking a lagging replica out of rotation would not help it catch up.
      consumers: { status: Object.values(joined).every(Boolean) ? 'up' : 'down', detail: consumers },
      lifecycle: { status: this.messaging.isStopping() ? 'down' : 'up' },
    };
    const ready = Object.values(checks).every((check) => check.status === 'up');
    response
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'up' : 'down', checks });
  }

  private async database(): Promise<Check> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2_000);
      return { status: 'up' };
    } catch {
      return { status: 'down' };
    }
  }

  private async lag(): Promise<Record<string, number | null>> {
    try {
      return await withTimeout(this.messaging.consumerLag(), 5_000);
    } catch {
      return {};
    }
  }

  private async broker(): Promise<Check> {
    try {
      return { status: (await withTimeout(this.messaging.isBrokerReachable(), 5_000)) ? 'up' : 'down' };
    } catch {
      return { status: 'down' };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
