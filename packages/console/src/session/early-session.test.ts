import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { SessionDocument } from '@twofold/shared/graphql';
import { print } from 'graphql';
import { Observable } from 'rxjs';
import { makeSession } from '../../test/sessions';
import { createCache } from '../lib/apollo';
import { type EarlySession, earlySessionLink } from './early-session';

const script = readFileSync(path.join(__dirname, '../../public/early-session.js'), 'utf8');

/** Runs index.html's early script with `fetch` answering `answer`; what it leaves for the app. */
function runEarlyScript(answer: () => Promise<Response>): {
  early: EarlySession;
  fetch: jest.Mock;
} {
  const fetch = jest.fn(answer);
  const scope = { twofoldEarlySession: undefined as EarlySession | undefined };
  runInNewContext(script, { window: scope, fetch });
  return { early: scope.twofoldEarlySession!, fetch };
}

const signedIn = { data: { session: makeSession('ACTIVE') } };
const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );

/** A client with the early link in front of a network that records what reaches it. */
function clientWith(early: EarlySession) {
  const sent: string[] = [];
  const network = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        sent.push(print(operation.query));
        observer.next({ data: { session: null } });
        observer.complete();
      }),
  );
  const client = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([earlySessionLink(early), network]),
  });
  return { client, sent };
}

describe('the session asked before the app starts (docs/performance.md)', () => {
  it('asks the very query Apollo Client sends for SessionDocument', async () => {
    const { early, fetch } = runEarlyScript(() => json(signedIn));
    const { client, sent } = clientWith({ ...early, query: 'not the same' });

    await client.query({ query: SessionDocument });

    // what reached the network is what the app sends; the script must send the same text
    expect(sent).toHaveLength(1);
    expect(early.query).toBe(sent[0]);
    expect(fetch).toHaveBeenCalledWith(
      '/graphql',
      expect.objectContaining({
        method: 'POST',
        credentials: 'same-origin',
        body: JSON.stringify({ operationName: 'Session', variables: {}, query: early.query }),
      }),
    );
  });

  it("answers the app's first Session query with the early answer, and only the first", async () => {
    const { early } = runEarlyScript(() => json(signedIn));
    const { client, sent } = clientWith(early);

    const first = await client.query({ query: SessionDocument, fetchPolicy: 'network-only' });
    expect(first.data?.session?.stage).toBe('ACTIVE');
    expect(sent).toEqual([]);

    const second = await client.query({ query: SessionDocument, fetchPolicy: 'network-only' });
    expect(second.data?.session).toBeNull();
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['the early request failed', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['the server refused it', () => json({ error: 'unavailable' }, 503)],
  ])('asks the network as usual when %s', async (_case, answer) => {
    const { early } = runEarlyScript(answer);
    const { client, sent } = clientWith(early);

    const result = await client.query({ query: SessionDocument });

    expect(result.data?.session).toBeNull();
    expect(sent).toHaveLength(1);
  });
});
