import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** Where a customer's requests go (`url`, on loopback) and the origin the pages are served from. */
export interface EnrolmentTarget {
  /** e.g. http://127.0.0.1:3103 */
  url: string;
  /** e.g. http://localhost:3103: a WebAuthn rpID is a host name, so the pages' origin is one. */
  origin: string;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

// Keep-alive, as a browser keeps its connection to the site: a new TCP connection per request
// would measure the handshakes of the load, not the service.
const sharedAgent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One customer's browser on the enrolment pages, over plain HTTP: the session cookie the grant
 * exchange sets, the page's CSRF token, same-origin requests. node:http rather than fetch: a
 * benchmark runs tens of thousands of these in one process beside the service, and each request
 * through fetch costs the load generator several times the CPU.
 */
export class EnrolmentClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    readonly target: EnrolmentTarget,
    private readonly options: {
      agent?: Agent;
      /** Sent with every request, e.g. the X-Forwarded-For a proxy in front of the service adds. */
      headers?: Record<string, string>;
      /** A request unanswered this long fails, so a stuck service cannot hold a run forever. */
      timeoutMs?: number;
      /** Told how long each answer took (a benchmark's per-route latencies). */
      observe?: (method: 'GET' | 'POST', route: string, milliseconds: number) => void;
    } = {},
  ) {}

  /** POST /enroll/session as the landing page's form does; keeps the session cookie it sets. */
  async exchange(grant: string): Promise<HttpAnswer> {
    const answer = await this.send('POST', '/enroll/session', {
      'content-type': 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ grant }).toString(),
    });
    const setCookie = answer.headers['set-cookie']?.[0];
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return answer;
  }

  page(route: string): Promise<HttpAnswer> {
    return this.send('GET', route);
  }

  /** Reads a page's CSRF token (the passkey page's data-csrf, or a form's csrf field). */
  async readCsrfToken(route: string): Promise<string> {
    const { status, body } = await this.page(route);
    const token = /data-csrf="([^"]+)"/.exec(body)?.[1] ?? /name="csrf" value="([^"]+)"/.exec(body)?.[1];
    if (status !== 200 || !token) throw new EnrolmentStepFailed('csrf', status, undefined);
    this.csrfToken = token;
    return token;
  }

  /** A form post as the pages' forms send it; the CSRF token read last goes in its header. */
  postForm(route: string, fields: Record<string, string>): Promise<HttpAnswer> {
    return this.send('POST', route, {
      'content-type': 'application/x-www-form-urlencoded',
      body: new URLSearchParams(fields).toString(),
    });
  }

  postJson(route: string, body: unknown): Promise<HttpAnswer> {
    return this.send('POST', route, { 'content-type': 'application/json', body: JSON.stringify(body) });
  }

  private send(
    method: 'GET' | 'POST',
    route: string,
    content?: { 'content-type': string; body: string },
  ): Promise<HttpAnswer> {
    const url = new URL(route, this.target.url);
    const headers: Record<string, string> = {
      ...this.options.headers,
      ...(this.cookie ? { cookie: this.cookie } : {}),
    };
    if (content) {
      headers['content-type'] = content['content-type'];
      headers['content-length'] = String(Buffer.byteLength(content.body));
      headers['origin'] = this.target.origin;
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const sent = performance.now();
    return new Promise<HttpAnswer>((resolve, reject) => {
      const outgoing = request(
        url,
        { method, headers, agent: this.options.agent ?? sharedAgent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.setTimeout(this.options.timeoutMs ?? 60_000, () =>
        outgoing.destroy(new Error(`${method} ${route} was not answered in time`)),
      );
      outgoing.end(content?.body);
    }).then((answer) => {
      this.options.observe?.(method, route, performance.now() - sent);
      return answer;
    });
  }
}

/**
 * A step the service refused: which step, the HTTP status and, for problem+json, the problem's
 * code. Never the body: a refusal page or problem may one day quote what was sent.
 */
export class EnrolmentStepFailed extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`${step} answered ${status}${code ? ` (${code})` : ''}`);
    this.name = 'EnrolmentStepFailed';
  }

  static of(step: string, answer: HttpAnswer): EnrolmentStepFailed {
    let code: string | undefined;
    if (String(answer.headers['content-type']).includes('json')) {
      try {
        const parsed = JSON.parse(answer.body) as { code?: unknown };
        if (typeof parsed.code === 'string') code = parsed.code;
      } catch {
        // not JSON after all: the status says enough
      }
    }
    return new EnrolmentStepFailed(step, answer.status, code);
  }
}
