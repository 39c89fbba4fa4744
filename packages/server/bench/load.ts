/**
 * Load generation, all in the bench process: autocannon for requests that are always the same,
 * and for the sign-in flows (each request different, answers chained) a plain keep-alive
 * node:http client driven closed-loop (N in flight) or open-loop (requests started on a fixed
 * schedule whatever the answers, latency measured from the scheduled start so that it includes
 * queueing). A request counts only when it answered 2xx with `data` and no GraphQL `errors`, and
 * what the flow expects (the session stage); anything else is an error, and a measurement with
 * errors fails.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  count: number;
}

/** A request that did not answer what the flow needs. */
export class RequestError extends Error {
  constructor(operation: string, detail: string) {
    super(`${operation}: ${detail}`);
    this.name = 'RequestError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** JSON.stringify replacer: measurements to two decimals (NaN becomes null, as JSON has no NaN). */
export function rounded(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value)
    ? Number.isFinite(value)
      ? Math.round(value * 100) / 100
      : null
    : value;
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.floor(q * (sorted.length - 1))]!;
}

/** Latencies and errors of one measurement (or one soak interval). */
export class Recorder {
  latencies: number[] = [];
  errors = 0;
  firstError: string | undefined;
  /** Distinct error messages and how often each came. */
  readonly errorCounts = new Map<string, number>();

  record(ms: number): void {
    this.latencies.push(ms);
  }

  fail(error: unknown): void {
    const message = errorMessage(error);
    this.errors += 1;
    this.firstError ??= message;
    this.errorCounts.set(message, (this.errorCounts.get(message) ?? 0) + 1);
  }

  summary(seconds: number): Measured {
    const sorted = [...this.latencies].sort((x, y) => x - y);
    return {
      requestsPerSecond: sorted.length / seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      count: sorted.length,
    };
  }

  /** Throws the first error, if any came: a measurement with errors measures nothing. */
  assertNoErrors(name: string): void {
    if (this.errors > 0) {
      throw new Error(`${name}: ${this.errors} failed requests; the first: ${this.firstError}`);
    }
  }
}

/** POSTs over keep-alive connections (at most `maxSockets` at once). */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly base: string,
    maxSockets = Infinity,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: 1024 });
  }

  post(
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const USERS_QUERY =
  'query UsersPage { users(first: 50) { totalCount nodes { id displayName email userType twoFactorStatus apps { id name } } } }';
export const VIEWER_QUERY = '{ viewer { displayName email } }';
export const SIGN_IN_MUTATION =
  'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password, transport: BEARER) { token session { stage } } }';
const VERIFY_MUTATION =
  'mutation Verify($code: String!) { verifySecondFactor(kind: AUTHENTICATOR_APP, code: $code) { stage } }';
const UPDATE_PROFILE_MUTATION =
  'mutation Rename($name: String!) { updateProfile(input: { displayName: $name }) { displayName } }';
const SIGN_OUT_MUTATION = 'mutation { signOut }';

/** The GraphQL operations of the flows, each checked; `observe` hears each success's latency. */
export class Api {
  constructor(
    private readonly http: HttpClient,
    private readonly observe?: (operation: string, ms: number) => void,
  ) {}

  async call<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const started = performance.now();
    const answer = await this.http
      .post(
        '/graphql',
        JSON.stringify({ query, variables }),
        token ? { authorization: `Bearer ${token}` } : {},
      )
      .catch((error: unknown) => {
        throw new RequestError(operation, errorMessage(error));
      });
    const ms = performance.now() - started;
    let body: GraphQLAnswer<T>;
    try {
      body = JSON.parse(answer.body) as GraphQLAnswer<T>;
    } catch {
      throw new RequestError(
        operation,
        `HTTP ${answer.status}, not JSON: ${answer.body.slice(0, 200)}`,
      );
    }
    const first = body.errors?.[0];
    if (first) {
      throw new RequestError(
        operation,
        `HTTP ${answer.status} ${first.extensions?.code ?? 'ERROR'}: ${first.message}`,
      );
    }
    if (answer.status < 200 || answer.status >= 300 || !body.data) {
      throw new RequestError(operation, `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
    }
    this.observe?.(operation, ms);
    return body.data;
  }

  /** Password sign-in (BEARER); the session must be at `stage`. Returns the token. */
  async signIn(email: string, password: string, stage: string): Promise<string> {
    const data = await this.call<{ signIn: { token: string | null; session: { stage: string } } }>(
      'signIn',
      SIGN_IN_MUTATION,
      { email, password },
    );
    if (data.signIn.session.stage !== stage || !data.signIn.token) {
      throw new RequestError('signIn', `session at ${data.signIn.session.stage}, not ${stage}`);
    }
    return data.signIn.token;
  }

  /** The authenticator code at SECOND_FACTOR: the session must then be ACTIVE. */
  async verify(token: string, code: string): Promise<void> {
    const data = await this.call<{ verifySecondFactor: { stage: string } | null }>(
      'verifySecondFactor',
      VERIFY_MUTATION,
      { code },
      token,
    );
    const stage = data.verifySecondFactor?.stage;
    if (stage !== 'ACTIVE') throw new RequestError('verifySecondFactor', `stage ${stage}`);
  }

  async usersPage(token: string): Promise<void> {
    const data = await this.call<{ users: { nodes: unknown[] } | null }>(
      'users',
      USERS_QUERY,
      {},
      token,
    );
    if (!data.users || data.users.nodes.length === 0) throw new RequestError('users', 'empty page');
  }

  async viewer(token: string): Promise<void> {
    const data = await this.call<{ viewer: { email: string } | null }>(
      'viewer',
      VIEWER_QUERY,
      {},
      token,
    );
    if (!data.viewer) throw new RequestError('viewer', 'null viewer');
  }

  async updateProfile(token: string, name: string): Promise<void> {
    const data = await this.call<{ updateProfile: { displayName: string } }>(
      'updateProfile',
      UPDATE_PROFILE_MUTATION,
      { name },
      token,
    );
    if (data.updateProfile.displayName !== name) {
      throw new RequestError('updateProfile', `name ${data.updateProfile.displayName}`);
    }
  }

  async signOut(token: string): Promise<void> {
    const data = await this.call<{ signOut: boolean }>('signOut', SIGN_OUT_MUTATION, {}, token);
    if (!data.signOut) throw new RequestError('signOut', 'false');
  }
}

/**
 * autocannon with every answer checked: `check` returns null for a right body or what is wrong
 * with it. Connection errors, timeouts, non-2xx and wrong bodies all fail the measurement.
 */
export async function measureAutocannon(
  name: string,
  options: autocannon.Options,
  connections: number,
  seconds: number,
  check: (body: string) => string | null,
): Promise<Measured> {
  // an object: a `let` assigned only in the callback is narrowed to null below
  const mismatch: { first: string | null } = { first: null };
  const result = await autocannon({
    ...options,
    connections,
    duration: seconds,
    verifyBody: (body) => {
      const wrong = check(typeof body === 'string' ? body : String(body));
      if (wrong !== null) mismatch.first ??= wrong;
      return wrong === null;
    },
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.mismatches > 0) {
    throw new Error(
      `${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.mismatches} wrong bodies${mismatch.first ? `; the first: ${mismatch.first}` : ''}`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    count: result.requests.total,
  };
}

/** What is wrong with a GraphQL answer body (errors, or no data at `field`), or null. */
export function graphqlBodyProblem(body: string, field: string): string | null {
  try {
    const parsed = JSON.parse(body) as GraphQLAnswer<Record<string, unknown>>;
    const first = parsed.errors?.[0];
    if (first) return `${first.extensions?.code ?? 'ERROR'}: ${first.message}`;
    if (!parsed.data?.[field]) return `no ${field} in ${body.slice(0, 200)}`;
    return null;
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
}

/**
 * `inFlight` loops calling `unit` back to back for `seconds`; each completed unit is one count,
 * its latency from its start. The first error stops every loop (the run is void then).
 */
export async function closedLoop(
  inFlight: number,
  seconds: number,
  unit: (index: number) => Promise<void>,
): Promise<{ measured: Measured; recorder: Recorder }> {
  const recorder = new Recorder();
  const started = performance.now();
  const end = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end && recorder.errors === 0) {
        const at = performance.now();
        try {
          await unit(next++);
          recorder.record(performance.now() - at);
        } catch (error) {
          recorder.fail(error);
        }
      }
    }),
  );
  return { measured: recorder.summary((performance.now() - started) / 1000), recorder };
}

/**
 * Starts `unit` `rate` times a second on a fixed schedule for `seconds`, whatever the answers
 * (no limit on units in flight), and waits for the last one. Latency runs from the scheduled
 * start: time spent queued anywhere — in the server, the pool, or a late timer — counts. The
 * rate reported is what completed over the schedule, or over longer if the answers lagged.
 */
export async function openLoop(
  rate: number,
  seconds: number,
  unit: (index: number) => Promise<void>,
  recorder: Recorder = new Recorder(),
): Promise<{ measured: Measured; recorder: Recorder; started: number }> {
  const started = performance.now();
  const total = Math.max(1, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const running = new Set<Promise<void>>();
  let launched = 0;
  let lastDone = started;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (launched < total && started + launched * gap <= now) {
        const scheduled = started + launched * gap;
        const run = unit(launched).then(
          () => {
            lastDone = performance.now();
            recorder.record(lastDone - scheduled);
          },
          (error: unknown) => recorder.fail(error),
        );
        running.add(run);
        void run.finally(() => running.delete(run));
        launched += 1;
      }
      if (launched >= total) {
        resolve();
        return;
      }
      setTimeout(tick, Math.max(0, started + launched * gap - performance.now()));
    };
    tick();
  });
  await Promise.all(running);
  const elapsed = Math.max(seconds, (lastDone - started) / 1000);
  return { measured: recorder.summary(elapsed), recorder, started };
}
