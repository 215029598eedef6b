import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { signEnrollmentGrant, type EnrollmentGrantSubject } from '@rekey/enrollment-grant';
import { startService, type RunningService } from '@rekey/service-runtime';
import { freePort, isolatedPlatform } from '@rekey/testing';
import { Pool } from 'pg';
import { enrollmentService } from '../enrollment.definition';

/** Signs grants the way reset-issuance does, with a key whose JWKS a loopback server publishes. */
export class GrantIssuer {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly kid: string,
    readonly url: string,
    private readonly server: Server,
  ) {}

  static async start(): Promise<GrantIssuer> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk);
    const body = JSON.stringify({ keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] });
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/.well-known/jwks.json' ? 200 : 404;
      response.setHeader('Content-Type', 'application/jwk-set+json');
      response.end(response.statusCode === 200 ? body : '');
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return new GrantIssuer(privateKey, kid, `http://127.0.0.1:${port}`, server);
  }

  async sign(
    subject: EnrollmentGrantSubject,
    options: { lifetimeSeconds?: number; now?: Date; key?: KeyObject } = {},
  ): Promise<string> {
    const { jwt } = await signEnrollmentGrant(subject, {
      key: { privateKey: options.key ?? this.privateKey, kid: this.kid },
      jti: randomUUID(),
      now: options.now ?? new Date(),
      lifetimeSeconds: options.lifetimeSeconds ?? 300,
    });
    return jwt;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

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

export function aJourney(overrides: Partial<EnrollmentGrantSubject> = {}): EnrollmentGrantSubject {
  const legacyAccountId = `legacy-${randomUUID()}`;
  return {
    legacyAccountId,
    journeyId: randomUUID(),
    waveId: randomUUID(),
    targetAccountId: `target-${legacyAccountId}`,
    ...overrides,
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
