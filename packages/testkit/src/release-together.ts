import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** The status line and headers. */
  head: string;
  body: string;
}

/** Sends `raw` over one connection and resolves with the whole answer once the server closes. */
function openRequest(
  url: URL,
  raw: Buffer,
): { socket: Socket; ready: Promise<void>; answer: Promise<RawResponse> } {
  const socket = connect(Number(url.port), url.hostname);
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      // everything but the last byte: the server waits for the request to complete
      socket.write(raw.subarray(0, raw.length - 1), () => resolve());
    });
    socket.once('error', reject);
  });
  const answer = new Promise<RawResponse>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status, head, body });
    });
  });
  return { socket, ready, answer };
}

/** GraphQL requests sent with all but their last byte, released by `release()`. */
export interface HeldRequests {
  /** Resolves once every request sits at the server, all but its last byte sent. */
  ready: Promise<void>;
  /** Sends the last byte of every request (or of those at `indexes`) at once. */
  release(indexes?: readonly number[]): void;
  /** The answers, in the order of the requests, once the server has answered (and closed) each. */
  answers: Promise<
    { status: number; data?: unknown; errors?: { extensions?: { code?: string } }[] }[]
  >;
}

/**
 * Sends every GraphQL request to the server at `baseUrl` with all but its last byte: the server
 * has each request's headers (and logs it) but waits for its body until `release()`.
 */
export function holdRequests(
  baseUrl: string,
  requests: {
    query: string;
    variables?: Record<string, unknown>;
    token?: string;
    headers?: Record<string, string>;
  }[],
): HeldRequests {
  const url = new URL('/graphql', baseUrl);
  const opened = requests.map(({ query, variables, token, headers = {} }) => {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const head =
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
      (token ? `Authorization: Bearer ${token}\r\n` : '') +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    return {
      ...openRequest(url, Buffer.concat([Buffer.from(head), body])),
      last: body.subarray(-1),
    };
  });
  return {
    ready: Promise.all(opened.map((o) => o.ready)).then(() => undefined),
    release: (indexes: readonly number[] = [...opened.keys()]) => {
      for (const index of indexes) opened[index]!.socket.write(opened[index]!.last);
    },
    answers: Promise.all(opened.map((o) => o.answer)).then((answers) =>
      answers.map(({ status, body }) => ({ status, ...(JSON.parse(body) as object) })),
    ),
  };
}

/**
 * Sends every GraphQL request to the server at `baseUrl` with all but its last byte, waits until
 * all of them sit there, then sends the last bytes at once: the requests are released together,
 * as an attacker racing a limit would release them.
 */
export async function releaseTogether(
  baseUrl: string,
  requests: Parameters<typeof holdRequests>[1],
): Promise<{ status: number; data?: unknown; errors?: { extensions?: { code?: string } }[] }[]> {
  const held = holdRequests(baseUrl, requests);
  await held.ready;
  held.release();
  return held.answers;
}

/**
 * GETs every URL (on one server or several replicas) with the given headers, released together
 * like `releaseTogether` (all but the last byte sent first); answers with status and headers.
 */
export async function releaseGetsTogether(
  requests: { url: string; headers?: Record<string, string> }[],
): Promise<{ status: number; head: string }[]> {
  const opened = requests.map(({ url: target, headers = {} }) => {
    const url = new URL(target);
    const head =
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      'Connection: close\r\n\r\n';
    return { ...openRequest(url, Buffer.from(head)), last: Buffer.from('\n') };
  });
  await Promise.all(opened.map((o) => o.ready));
  for (const o of opened) o.socket.write(o.last);
  return (await Promise.all(opened.map((o) => o.answer))).map(({ status, head }) => ({
    status,
    head,
  }));
}
