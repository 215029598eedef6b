import { GrantIssuer } from '@rekey/enrollment-grant/testing';
import { startService, type RunningService } from '@rekey/service-runtime';
import { freePort, isolatedPlatform } from '@rekey/testing';
import { Pool } from 'pg';
import { enrollmentService } from '../enrollment.definition';

export { aJourney, GrantIssuer } from '@rekey/enrollment-grant/testing';

export interface EnrollmentUnderTest {
  service: RunningService;
  /** Where requests go (127.0.0.1). */
  url: string;
  /** The pages' public origin: a host name, as WebAuthn requires, on the same port. */
  origin: string;
  db: Pool;
  grants: GrantIssuer;
  kafka: { brokers: string[]; topicPrefix: string };
  /** Stops the service and starts a new one on the same database, topics and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** enrollment started in this process on a platform of its own (fresh database and topics). */
export async function startEnrollment(
  prefix: string,
  overrides: NodeJS.ProcessEnv = {},
): Promise<EnrollmentUnderTest> {
  const platform = await isolatedPlatform(prefix);
  const environment = await platform.serviceEnvironment('enrollment');
  const grants = await GrantIssuer.start();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const serviceEnvironment = {
    ...environment,
    PORT: String(port),
    HOST: '127.0.0.1',
    ENROLLMENT_BASE_URL: origin,
    RESET_ISSUANCE_URL: grants.url,
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...overrides,
  };
  const running = { service: await startService(enrollmentService, serviceEnvironment) };
  const db = new Pool({ connectionString: environment['DATABASE_URL'], max: 4 });
  return {
    get service() {
      return running.service;
    },
    url: `http://127.0.0.1:${port}`,
    origin,
    db,
    grants,
    kafka: { brokers: String(environment['KAFKA_BROKERS']).split(','), topicPrefix: platform.topicPrefix },
    restart: async () => {
      await running.service.stop();
      running.service = await startService(enrollmentService, serviceEnvironment);
    },
    stop: async () => {
      await running.service.stop();
      await db.end();
      await grants.stop();
      await platform.dispose();
    },
  };
}

/** A customer's browser: the cookie jar of one enrolment session, same-origin requests. */
export class CustomerClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly enrollment: Pick<EnrollmentUnderTest, 'url' | 'origin'>) {}

  /** POST /enroll/session as the landing page's form does; keeps the session cookie. */
  async exchange(grant: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.enrollment.url}/enroll/session`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.enrollment.origin,
        ...headers,
      },
      body: new URLSearchParams({ grant }).toString(),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return response;
  }

  async page(route: string): Promise<Response> {
    const response = await fetch(`${this.enrollment.url}${route}`, {
      redirect: 'manual',
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    return response;
  }

  /** Reads the page's CSRF token (the passkey form's data-csrf, or a form's csrf field). */
  async readCsrfToken(route: string): Promise<string> {
    const html = await (await this.page(route)).text();
    const token = /data-csrf="([^"]+)"/.exec(html)?.[1] ?? /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`${route} carries no CSRF token`);
    this.csrfToken = token;
    return token;
  }

  /** POSTs a form as the pages' forms do: urlencoded, same origin, the `csrf` field first. */
  async postForm(
    route: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${this.enrollment.url}${route}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.enrollment.origin,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: new URLSearchParams({
        ...(this.csrfToken ? { csrf: this.csrfToken } : {}),
        ...fields,
      }).toString(),
    });
  }

  async postJson(route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.enrollment.url}${route}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        origin: this.enrollment.origin,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }
}

/** The types of events committed to the outbox for a legacy account, oldest first. */
export async function outboxEvents(
  db: Pool,
  legacyAccountId: string,
): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const { rows } = await db.query<{ event_type: string; payload: Buffer }>(
    `SELECT event_type, payload FROM outbox_message WHERE message_key = $1 ORDER BY id`,
    [legacyAccountId],
  );
  return rows.map((row) => ({
    type: row.event_type,
    data: JSON.parse(row.payload.toString('utf8')) as Record<string, unknown>,
  }));
}
