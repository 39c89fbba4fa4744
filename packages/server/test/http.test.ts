import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { graphql, startTestServer, type TestServer } from './helpers/test-server';

describe('HTTP surface', () => {
  let server: TestServer;
  let consoleDir: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ORIGINS: 'https://frontend.example.com' } });
    // a console build stand-in: the real one is produced by `vite build`
    consoleDir = path.join(server.config.dataDir, 'console');
    mkdirSync(path.join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(consoleDir, 'assets', 'app.js'), 'console.log(1)');
    // as the console's build writes them: the same file, precompressed
    writeFileSync(
      path.join(consoleDir, 'assets', 'app.js.br'),
      brotliCompressSync('console.log(1)'),
    );
    writeFileSync(path.join(consoleDir, 'assets', 'app.js.gz'), gzipSync('console.log(1)'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /healthz and /readyz with 200', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers { __typename } and apiInfo on /graphql', async () => {
    const { status, body } = await graphql(server.url, '{ __typename apiInfo { name version } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({
      __typename: 'Query',
      apiInfo: { name: 'Twofold', version: expect.any(String) },
    });
  });

  it('sends a request id and security headers on every response', async () => {
    for (const route of ['/healthz', '/graphql?query=%7B__typename%7D', '/nope.js']) {
      const response = await fetch(`${server.url}${route}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('blocks simple cross-site GraphQL requests (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=%7B__typename%7D`);
    expect(response.status).toBe(400);
  });

  it('refuses request bodies over 100 kB', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(110_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('rejects queries with more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: apiInfo { name }`).join(' ');
    const { body } = await graphql(server.url, `{ ${aliases} }`);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers CORS preflights only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight('https://frontend.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://frontend.example.com');
    const denied = await preflight('https://evil.example.com');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('explains how to build the console when it is not built', async () => {
    const response = await fetch(`${server.url}/users`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm build');
  });

  describe('with a built console', () => {
    let withConsole: TestServer;
    beforeAll(async () => {
      withConsole = await startTestServer({ env: { TWOFOLD_CONSOLE_DIR: consoleDir } });
    });
    afterAll(async () => {
      await withConsole.close();
    });

    it.each(['/', '/users', '/invitation/abc123', '/apps/1/settings?tab=2'])(
      'serves the console page for %s',
      async (route) => {
        const response = await fetch(`${withConsole.url}${route}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(await response.text()).toContain('<div id="root">');
      },
    );

    it('serves assets with long-lived caching and 404s missing ones', async () => {
      const asset = await fetch(`${withConsole.url}/assets/app.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${withConsole.url}/assets/missing.js`)).status).toBe(404);
    });

    it('sends the precompressed asset the client accepts, still cached for good', async () => {
      const brotli = await fetch(`${withConsole.url}/assets/app.js`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(brotli.headers.get('content-encoding')).toBe('br');
      expect(brotli.headers.get('cache-control')).toContain('immutable');
      expect(await brotli.text()).toBe('console.log(1)');
      const gzip = await fetch(`${withConsole.url}/assets/app.js`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(await gzip.text()).toBe('console.log(1)');
    });

    it('keeps the API routes their own answers', async () => {
      expect(await (await fetch(`${withConsole.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const { body } = await graphql(withConsole.url, '{ __typename }');
      expect(body.data).toEqual({ __typename: 'Query' });
      const unknownApi = await fetch(`${withConsole.url}/graphql/extra`);
      expect(unknownApi.status).toBe(404);
    });
  });
});

describe('readiness', () => {
  it('answers 503 until the database is migrated', async () => {
    const server = await startTestServer({ migrate: false });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        reason: 'migrations pending',
      });
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the database is gone', async () => {
    const server = await startTestServer();
    try {
      await server.dataSource.destroy();
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
    } finally {
      await server.close();
    }
  });
});
