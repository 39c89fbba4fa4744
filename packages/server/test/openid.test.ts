// suite: galera — also runs on the 3-node Galera cluster (.ci/run, `pnpm test:galera`)
import { readFileSync } from 'node:fs';
import {
  Enforcement,
  OpenIdFailure,
  ProviderTwoFactorPolicy,
  SessionStage,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { ApiClient, codesOf, type GraphQLErrorBody, signedIn } from '@twofold/testkit/api-client';
import {
  startOidcProvider,
  startPageTarget,
  type TestOidcProvider,
} from '@twofold/testkit/oidc-provider';
import { releaseGetsTogether } from '@twofold/testkit/release-together';
import { enroll, oathCode, stepOf, VERIFY } from '@twofold/testkit/two-factor';
import { openIdStateCookieName } from '../src/http/openid-cookie';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { IdentitySubject, subjectHashOf } from '../src/modules/openid/identity-subject.entity';
import { IdentityProviderService } from '../src/modules/openid/identity-provider.service';
import { OpenIdAttempt } from '../src/modules/openid/openid-attempt.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { ProviderClient } from '../src/modules/openid/provider-client';
import { Session } from '../src/modules/session/session.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  type UserFixture,
} from './helpers/factories';
import { testDialect } from './helpers/test-database';
import {
  capturingLogger,
  startReplicas,
  startTestServer,
  type TestServer,
} from './helpers/test-server';

const PUBLIC_URL = 'http://localhost:4000';
const CLIENT_SECRET = 'oidc-client-secret-7c1f9e2a44b8';
const client = {
  client_id: 'twofold',
  client_secret: CLIENT_SECRET,
  redirect_uris: [`${PUBLIC_URL}/oidc/callback`],
};

const CREATE = `mutation ($input: CreateIdentityProviderInput!) {
  createIdentityProvider(input: $input) {
    id displayName issuerUrl clientId allowedEmailDomains twoFactorPolicy trustedAcrValues
    waiverUserTypes maxAgeSeconds redirectUri startPath
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateIdentityProviderInput!) {
  updateIdentityProvider(id: $id, input: $input) {
    id twoFactorPolicy trustedAcrValues waiverUserTypes maxAgeSeconds
  }
}`;
const SESSION = `{ session {
  stage identityProviderName waiver availableSecondFactors
  profiles { accountName displayName }
  user { displayName }
} }`;

interface SessionView {
  stage: SessionStage;
  identityProviderName: string | null;
  waiver: string | null;
  availableSecondFactors: string[];
  profiles: { accountName: string; displayName: string }[];
  user: { displayName: string } | null;
}

/** One browser against Twofold: a cookie jar, redirects not followed. */
class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly server: TestServer) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** GETs a path of Twofold; answers the redirect's Location. */
  async get(path: string): Promise<{ status: number; location: string | null }> {
    const response = await fetch(`${this.server.url}${path}`, {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader() },
    });
    this.keep(response);
    return { status: response.status, location: response.headers.get('location') };
  }

  /**
   * POSTs the start form as a page of `origin` would (Twofold's own by default); `headers`
   * replace the browser's Origin and fetch metadata.
   */
  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = { origin: new URL(PUBLIC_URL).origin },
  ): Promise<{ status: number; location: string | null }> {
    const response = await fetch(`${this.server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    });
    this.keep(response);
    // a started sign-in answers a page that moves on to the provider; a refusal, a redirect
    const page = response.status === 200 ? startPageTarget(await response.text()) : null;
    return { status: response.status, location: page ?? response.headers.get('location') };
  }

  /** Clicks "Sign in with …" on Twofold's page: the provider's authorization URL. */
  async start(providerId: string): Promise<string> {
    const { status, location } = await this.post('/oidc/start', { provider: providerId });
    expect(status).toBe(200);
    return location!;
  }

  /** Follows the provider's redirect back to Twofold (`url` is on PUBLIC_URL). */
  async callback(url: string): Promise<string> {
    const { pathname, search } = new URL(url);
    const { status, location } = await this.get(`${pathname}${search}`);
    expect(status).toBe(302);
    return location!;
  }

  async graphql<T>(query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${this.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookieHeader() },
      body: JSON.stringify({ query, variables }),
    });
    this.keep(response);
    return (await response.json()) as { data?: T; errors?: GraphQLErrorBody[] };
  }

  /** The OpenID attempt cookies this browser holds. */
  attemptCookies(): string[] {
    return [...this.cookies.keys()].filter((name) => name.startsWith('twofold_openid_'));
  }

  async session(): Promise<SessionView | null> {
    return (await this.graphql<{ session: SessionView | null }>(SESSION)).data!.session;
  }
}

describe(`sign-in with OpenID Connect (${testDialect})`, () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let providerId: string;
  const { logger, lines: logLines } = capturingLogger('info');
  let nextLogin = 0;

  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [client] });
    server = await startTestServer({ env: { PUBLIC_URL }, logger });
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const created = await owner.ok<{ createIdentityProvider: { id: string } }>(CREATE, {
      input: {
        displayName: 'Acme ID',
        issuerUrl: provider.issuer,
        clientId: client.client_id,
        clientSecret: CLIENT_SECRET,
      },
    });
    providerId = created.createIdentityProvider.id;
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });
  beforeEach(async () => {
    await provider.setMode('ok');
    await setPolicy(ProviderTwoFactorPolicy.REQUIRE_TWOFOLD, []);
  });

  /** The rule, for the members' type (APP_REVIEWER) unless other types are given. */
  async function setPolicy(
    policy: ProviderTwoFactorPolicy,
    acr: string[],
    id = providerId,
    more: { waiverUserTypes?: UserType[]; maxAgeSeconds?: number | null } = {},
  ) {
    await owner.ok(UPDATE, {
      id,
      input: {
        twoFactorPolicy: policy,
        trustedAcrValues: acr,
        waiverUserTypes: [UserType.APP_REVIEWER],
        maxAgeSeconds: 600,
        ...more,
      },
    });
  }

  /** A person at the provider, for `email`: returns their login name there. */
  async function atProvider(
    email: string,
    options: {
      verified?: boolean;
      amr?: string[];
      acr?: string;
      sub?: string;
      userinfoOnly?: boolean;
    } = {},
  ): Promise<string> {
    const login = `person${++nextLogin}`;
    await provider.setAccount({
      login,
      sub: options.sub ?? `sub-${login}`,
      email,
      email_verified: options.verified ?? true,
      name: login,
      ...(options.amr ? { amr: options.amr } : {}),
      ...(options.acr ? { acr: options.acr } : {}),
      ...(options.userinfoOnly ? { userinfoOnly: true } : {}),
    });
    return login;
  }

  /** The whole round trip in a fresh browser; answers where Twofold sent it at the end. */
  async function signInThroughProvider(
    login: string,
    id = providerId,
  ): Promise<{ browser: Browser; landing: string }> {
    const browser = new Browser(server);
    const authorizationUrl = await browser.start(id);
    expect(authorizationUrl.startsWith(provider.issuer)).toBe(true);
    const landing = await browser.callback(await provider.signIn(authorizationUrl, login));
    return { browser, landing };
  }

  async function member(options: { email?: string; requireTwoFactor?: boolean } = {}) {
    return makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      ...options,
    });
  }

  async function eventsOf(action: string): Promise<AuditEvent[]> {
    return server.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action }, order: { createdAt: 'ASC' } });
  }

  it('links a login by its verified email on first use, then by subject', async () => {
    const ann = await member();
    const login = await atProvider(ann.email, { sub: 'sub-ann' });
    const first = await signInThroughProvider(login);
    expect(first.landing).toBe('/');
    expect(first.browser.cookies.has('twofold_session')).toBe(true);
    expect(first.browser.attemptCookies()).toEqual([]);
    expect(await first.browser.session()).toMatchObject({
      stage: SessionStage.ACTIVE,
      identityProviderName: 'Acme ID',
      waiver: null,
      user: { displayName: ann.user.displayName },
    });
    const links = await server.dataSource
      .getRepository(IdentitySubject)
      .findBy({ identityId: ann.user.identityId });
    expect(links).toMatchObject([
      { identityProviderId: providerId, subjectHash: subjectHashOf(provider.issuer, 'sub-ann') },
    ]);
    // the subject is stored only hashed with its issuer
    expect(JSON.stringify(links)).not.toContain('sub-ann');
    const linked = (await eventsOf('auth.openid_linked')).filter(
      (e) => e.actorIdentityId === ann.user.identityId,
    );
    expect(linked).toHaveLength(1);
    expect(linked[0]!.accountId).toBe(acme.account.id);
    const signIns = (await eventsOf('auth.signed_in')).filter((e) => e.actorUserId === ann.user.id);
    expect(signIns.at(-1)!.details).toMatchObject({
      method: 'openid',
      provider: 'Acme ID',
      secondFactor: 'TWOFOLD',
    });

    // the provider now gives another, unverified email: the subject still finds the login
    await provider.setAccount({
      login,
      sub: 'sub-ann',
      email: randomEmail('changed'),
      email_verified: false,
      name: login,
    });
    const later = await signInThroughProvider(login);
    expect(later.landing).toBe('/');
    expect((await later.browser.session())?.user?.displayName).toBe(ann.user.displayName);
    expect(
      await server.dataSource
        .getRepository(IdentitySubject)
        .countBy({ subjectHash: subjectHashOf(provider.issuer, 'sub-ann') }),
    ).toBe(1);
  });

  it('reads the email from userinfo when the ID token carries none', async () => {
    const ann = await member();
    const { browser, landing } = await signInThroughProvider(
      await atProvider(ann.email, { userinfoOnly: true }),
    );
    expect(landing).toBe('/');
    expect((await browser.session())?.user?.displayName).toBe(ann.user.displayName);
    // an unverified email is refused the same way from there
    const bob = await member();
    const refused = await signInThroughProvider(
      await atProvider(bob.email, { userinfoOnly: true, verified: false }),
    );
    expect(refused.landing).toBe(`/sign-in?openIdError=${OpenIdFailure.EMAIL_NOT_VERIFIED}`);
  });

  it.each<[string, () => Promise<string>, OpenIdFailure]>([
    [
      'an unverified email',
      async () => atProvider((await member()).email, { verified: false }),
      OpenIdFailure.EMAIL_NOT_VERIFIED,
    ],
    [
      'an email no login has',
      () => atProvider(randomEmail('stranger')),
      OpenIdFailure.UNKNOWN_USER,
    ],
    [
      'a login with a profile only in another account',
      async () => {
        const other = await makeAccount(server.services, 'Other');
        return atProvider((await makeUser(server.services, other.account)).email);
      },
      OpenIdFailure.UNKNOWN_USER,
    ],
    [
      'a suspended profile',
      async () =>
        atProvider(
          (await makeUser(server.services, acme.account, { status: UserStatus.SUSPENDED })).email,
        ),
      OpenIdFailure.UNKNOWN_USER,
    ],
  ])('refuses %s, creating nothing', async (_, person, failure) => {
    const login = await person();
    const subjects = await server.dataSource.getRepository(IdentitySubject).count();
    const sessions = await server.dataSource.getRepository(Session).count();
    const { browser, landing } = await signInThroughProvider(login);
    expect(landing).toBe(`/sign-in?openIdError=${failure}`);
    expect(browser.cookies.has('twofold_session')).toBe(false);
    expect(await server.dataSource.getRepository(IdentitySubject).count()).toBe(subjects);
    expect(await server.dataSource.getRepository(Session).count()).toBe(sessions);
    const failed = (await eventsOf('auth.openid_failed')).at(-1)!;
    expect(failed).toMatchObject({ accountId: acme.account.id, targetId: providerId });
    expect(failed.details).toMatchObject({ reason: failure, provider: 'Acme ID' });
    // the log and the audit log name no email or subject
    expect(JSON.stringify(failed.details)).not.toMatch(/@|sub-/);
  });

  it('refuses an email outside the allowed domains', async () => {
    const ann = await member({
      email: randomEmail('ann').replace('example.test', 'elsewhere.test'),
    });
    await owner.ok(UPDATE, { id: providerId, input: { allowedEmailDomains: ['example.test'] } });
    try {
      const { landing } = await signInThroughProvider(await atProvider(ann.email));
      expect(landing).toBe(`/sign-in?openIdError=${OpenIdFailure.EMAIL_DOMAIN_NOT_ALLOWED}`);
    } finally {
      await owner.ok(UPDATE, { id: providerId, input: { allowedEmailDomains: [] } });
    }
  });

  describe('the answer must come back once, to the browser that asked', () => {
    it('refuses a changed state, a missing cookie and a replay', async () => {
      const login = await atProvider((await member()).email);
      const browser = new Browser(server);
      const callbackUrl = await provider.signIn(await browser.start(providerId), login);

      const tampered = new URL(callbackUrl);
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
      const elsewhere = new Browser(server);
      expect(await elsewhere.callback(callbackUrl)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );
      const withCookie = new Browser(server);
      const tamperedState = tampered.searchParams.get('state')!;
      withCookie.cookies.set(openIdStateCookieName(tamperedState), tamperedState);
      expect(await withCookie.callback(tampered.href)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );

      // the right browser still gets in, once
      const keep = new Map(browser.cookies);
      expect(await browser.callback(callbackUrl)).toBe('/');
      const replay = new Browser(server);
      for (const [name, value] of keep) replay.cookies.set(name, value);
      expect(await replay.callback(callbackUrl)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );
    });

    it('finishes two sign-ins started in two tabs of one browser, in either order', async () => {
      const ann = await member();
      const login = await atProvider(ann.email);
      const browser = new Browser(server);
      const first = await browser.start(providerId);
      const second = await browser.start(providerId);
      expect(browser.attemptCookies()).toHaveLength(2);
      const firstAnswer = await provider.signIn(first, login);
      const secondAnswer = await provider.signIn(second, login);
      expect(await browser.callback(secondAnswer)).toBe('/');
      expect(browser.attemptCookies()).toHaveLength(1);
      expect(await browser.callback(firstAnswer)).toBe('/');
      expect(browser.attemptCookies()).toEqual([]);
      expect((await browser.session())?.user?.displayName).toBe(ann.user.displayName);
      // another browser's cookie for the same attempt does not come from this one
      const other = new Browser(server);
      const third = await provider.signIn(await other.start(providerId), login);
      expect(await browser.callback(third)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );
    });

    it('keeps at most five attempts per browser, dropping the oldest', async () => {
      const login = await atProvider((await member()).email);
      const browser = new Browser(server);
      const urls: string[] = [];
      for (let i = 0; i < 7; i += 1) urls.push(await browser.start(providerId));
      expect(browser.attemptCookies()).toHaveLength(5);
      expect(await browser.callback(await provider.signIn(urls[0]!, login))).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );
      expect(await browser.callback(await provider.signIn(urls[6]!, login))).toBe('/');
    });

    it('opens one session when the same answer arrives many times at once', async () => {
      const login = await atProvider((await member()).email);
      const browser = new Browser(server);
      const { pathname, search } = new URL(
        await provider.signIn(await browser.start(providerId), login),
      );
      const sessions = await server.dataSource.getRepository(Session).count();
      const answers = await releaseGetsTogether(
        Array.from({ length: 8 }, () => ({
          url: `${server.url}${pathname}${search}`,
          headers: { Cookie: browser.cookieHeader() },
        })),
      );
      const locations = answers.map(({ head }) => /\r\nlocation: (\S+)/i.exec(head)?.[1]);
      expect(locations.filter((l) => l === '/')).toHaveLength(1);
      expect(
        locations.filter((l) => l === `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`),
      ).toHaveLength(7);
      expect(await server.dataSource.getRepository(Session).count()).toBe(sessions + 1);
    });

    it('links once when two first sign-ins of the same person arrive at once', async () => {
      const ann = await member();
      const login = await atProvider(ann.email);
      const browsers = [new Browser(server), new Browser(server)];
      const answers = await Promise.all(
        browsers.map(async (browser) => {
          const { pathname, search } = new URL(
            await provider.signIn(await browser.start(providerId), login),
          );
          return { url: `${server.url}${pathname}${search}`, browser };
        }),
      );
      const landed = await releaseGetsTogether(
        answers.map(({ url, browser }) => ({ url, headers: { Cookie: browser.cookieHeader() } })),
      );
      expect(landed.map(({ head }) => /\r\nlocation: (\S+)/i.exec(head)?.[1])).toEqual(['/', '/']);
      expect(
        await server.dataSource
          .getRepository(IdentitySubject)
          .countBy({ identityId: ann.user.identityId }),
      ).toBe(1);
      const linked = (await eventsOf('auth.openid_linked')).filter(
        (event) => event.actorIdentityId === ann.user.identityId,
      );
      expect(linked).toHaveLength(1);
    });

    it('refuses a code redeemed with another attempt’s verifier (PKCE) and a stale nonce', async () => {
      const login = await atProvider((await member()).email);
      // the victim's code, delivered into an attempt the attacker started
      const victim = new Browser(server);
      const victimAnswer = new URL(await provider.signIn(await victim.start(providerId), login));
      const attacker = new Browser(server);
      const attackerAnswer = new URL(
        await provider.signIn(await attacker.start(providerId), login),
      );
      const swapped = new URL(attackerAnswer);
      swapped.searchParams.set('code', victimAnswer.searchParams.get('code')!);
      expect(await attacker.callback(swapped.href)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.CODE_REJECTED}`,
      );

      // an ID token, signed by the provider, minted for another request's nonce
      const browser = new Browser(server);
      const answer = await provider.signIn(await browser.start(providerId), login);
      await provider.setMode('wrong-nonce');
      expect(await browser.callback(answer)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_TOKEN}`,
      );
    });

    it('refuses an answer that comes back after the attempt expired', async () => {
      const login = await atProvider((await member()).email);
      const browser = new Browser(server);
      const answer = await provider.signIn(await browser.start(providerId), login);
      // ten minutes later
      await server.dataSource
        .getRepository(OpenIdAttempt)
        .createQueryBuilder()
        .update()
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .execute();
      expect(await browser.callback(answer)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}`,
      );
      expect((await eventsOf('auth.openid_failed')).at(-1)!.details).toMatchObject({
        reason: OpenIdFailure.INVALID_STATE,
        detail: 'expired',
      });
    });

    it('refuses an ID token whose signature does not verify', async () => {
      const login = await atProvider((await member()).email);
      const browser = new Browser(server);
      const answer = await provider.signIn(await browser.start(providerId), login);
      await provider.setMode('tamper-id-token');
      expect(await browser.callback(answer)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.INVALID_TOKEN}`,
      );
      expect(browser.cookies.has('twofold_session')).toBe(false);
    });

    it('says when the user cancels at the provider, or the provider is down', async () => {
      const browser = new Browser(server);
      const cancelled = await provider.cancel(await browser.start(providerId));
      expect(await browser.callback(cancelled)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.PROVIDER_DENIED}`,
      );

      const login = await atProvider((await member()).email);
      const late = new Browser(server);
      const answer = await provider.signIn(await late.start(providerId), login);
      await provider.setMode('down');
      expect(await late.callback(answer)).toBe(
        `/sign-in?openIdError=${OpenIdFailure.PROVIDER_UNAVAILABLE}`,
      );

      // a provider nobody answers for: the start itself ends on the sign-in page
      const gone = await owner.ok<{ createIdentityProvider: { id: string } }>(CREATE, {
        input: {
          displayName: 'Gone ID',
          issuerUrl: 'http://127.0.0.1:9',
          clientId: 'x',
          clientSecret: 'y',
        },
      });
      const { status, location } = await new Browser(server).post('/oidc/start', {
        provider: gone.createIdentityProvider.id,
      });
      expect({ status, location }).toEqual({
        status: 303,
        location: `/sign-in?openIdError=${OpenIdFailure.PROVIDER_UNAVAILABLE}`,
      });
      expect(
        await new Browser(server).post('/oidc/start', {
          provider: '00000000-0000-0000-0000-000000000000',
        }),
      ).toEqual({ status: 303, location: `/sign-in?openIdError=${OpenIdFailure.INVALID_STATE}` });
      await owner.ok('mutation ($id: ID!) { removeIdentityProvider(id: $id) }', {
        id: gone.createIdentityProvider.id,
      });
    });
  });

  describe('the sign-in starts only from Twofold’s own page', () => {
    const SIGN_IN = `mutation ($e: String!, $p: String!) {
      signIn(email: $e, password: $p) { session { stage } }
    }`;

    /** A browser signed in with its password, and its session cookie. */
    async function signedInBrowser(person: UserFixture): Promise<Browser> {
      const browser = new Browser(server);
      const answer = await browser.graphql<{ signIn: { session: { stage: string } } }>(SIGN_IN, {
        e: person.email,
        p: person.password,
      });
      expect(answer.data?.signIn.session.stage).toBe(SessionStage.ACTIVE);
      return browser;
    }

    it.each<[string, (browser: Browser) => Promise<{ status: number; location: string | null }>]>([
      ['a link (GET)', (browser) => browser.get(`/oidc/start?provider=${providerId}`)],
      [
        'a form on another site',
        (browser) =>
          browser.post(
            '/oidc/start',
            { provider: providerId },
            { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
          ),
      ],
      [
        'a form on another port of the same host',
        (browser) =>
          browser.post(
            '/oidc/start',
            { provider: providerId },
            { origin: 'http://localhost:4001', 'sec-fetch-site': 'same-site' },
          ),
      ],
      [
        'a form from an opaque origin',
        (browser) => browser.post('/oidc/start', { provider: providerId }, { origin: 'null' }),
      ],
      [
        'a cross-site POST without Origin',
        (browser) =>
          browser.post(
            `/oidc/start?provider=${providerId}`,
            {},
            { 'sec-fetch-site': 'cross-site' },
          ),
      ],
      [
        'a POST that shows neither Origin nor fetch metadata',
        (browser) => browser.post('/oidc/start', { provider: providerId }, {}),
      ],
    ])('refuses %s, starting nothing and keeping the session', async (_, send) => {
      const victim = await signedInBrowser(await member());
      const cookie = victim.cookies.get('twofold_session');
      const attempts = await server.dataSource.getRepository(OpenIdAttempt).count();
      const refused = await send(victim);
      expect(refused).toEqual({
        status: 303,
        location: `/sign-in?openIdError=${OpenIdFailure.CROSS_SITE_START}`,
      });
      expect(victim.attemptCookies()).toEqual([]);
      expect(await server.dataSource.getRepository(OpenIdAttempt).count()).toBe(attempts);
      expect(victim.cookies.get('twofold_session')).toBe(cookie);
      expect((await victim.session())?.stage).toBe(SessionStage.ACTIVE);
    });

    it('answers a form with another body on a console page too', async () => {
      const response = await fetch(`${server.url}/oidc/start?provider=${providerId}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
        body: 'x'.repeat(10_000),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `/sign-in?openIdError=${OpenIdFailure.CROSS_SITE_START}`,
      );
    });

    it('starts from a browser that sends only Sec-Fetch-Site: same-origin, provider in the query', async () => {
      const browser = new Browser(server);
      const { status, location } = await browser.post(
        `/oidc/start?provider=${providerId}`,
        {},
        { 'sec-fetch-site': 'same-origin' },
      );
      expect(status).toBe(200);
      expect(location!.startsWith(provider.issuer)).toBe(true);
      expect(browser.attemptCookies()).toHaveLength(1);
      // Twofold's pages are served with Referrer-Policy: no-referrer: their forms send Origin: null
      const fromConsole = await new Browser(server).post(
        '/oidc/start',
        { provider: providerId },
        { origin: 'null', 'sec-fetch-site': 'same-origin' },
      );
      expect(fromConsole.status).toBe(200);
      expect(fromConsole.location!.startsWith(provider.issuer)).toBe(true);
    });

    it('moves on to the provider from a page the console’s form-action allows, leaking nothing', async () => {
      const response = await fetch(`${server.url}/oidc/start`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: new URL(PUBLIC_URL).origin,
        },
        body: new URLSearchParams({ provider: providerId }).toString(),
      });
      // not a redirect: `form-action 'self'` would block a form's redirect to the provider
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      const target = startPageTarget(html)!;
      expect(new URL(target).origin).toBe(new URL(provider.issuer).origin);
      expect(new URL(target).searchParams.get('state')).toBe(
        /twofold_openid_[\w-]{16}=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1],
      );
      // the same URL behind a link, its query's & escaped
      expect(html).toContain(`<a href="${target.replaceAll('&', '&#38;')}">`);
    });

    it('keeps the session of another login, and signs the same login in again', async () => {
      const victim = await member();
      const browser = await signedInBrowser(victim);
      const cookie = browser.cookies.get('twofold_session');
      const sessions = await server.dataSource
        .getRepository(Session)
        .countBy({ identityId: victim.user.identityId });
      // the provider answers for someone else (an attacker's account there)
      const attacker = await member();
      const answer = await provider.signIn(
        await browser.start(providerId),
        await atProvider(attacker.email),
      );
      expect(await browser.callback(answer)).toBe('/sign-in/another-login');
      expect(browser.cookies.get('twofold_session')).toBe(cookie);
      expect(await browser.session()).toMatchObject({
        stage: SessionStage.ACTIVE,
        user: { displayName: victim.user.displayName },
      });
      expect(
        await server.dataSource
          .getRepository(Session)
          .countBy({ identityId: victim.user.identityId }),
      ).toBe(sessions);
      expect(
        await server.dataSource
          .getRepository(Session)
          .countBy({ identityId: attacker.user.identityId }),
      ).toBe(0);
      expect((await eventsOf('auth.openid_failed')).at(-1)!.details).toMatchObject({
        reason: OpenIdFailure.SIGNED_IN_AS_ANOTHER_LOGIN,
      });

      // the same person signing in through the provider replaces their own session as before
      const again = await provider.signIn(
        await browser.start(providerId),
        await atProvider(victim.email),
      );
      expect(await browser.callback(again)).toBe('/');
      expect(browser.cookies.get('twofold_session')).not.toBe(cookie);
      expect(await browser.session()).toMatchObject({
        identityProviderName: 'Acme ID',
        user: { displayName: victim.user.displayName },
      });
    });
  });

  describe('the provider’s second-factor rule', () => {
    /** A member with an authenticator app, and its secret. */
    async function withAuthenticator(): Promise<{ fixture: UserFixture; secret: string }> {
      const fixture = await member({ requireTwoFactor: true });
      const { secret } = await enroll(await signedIn(server.url, fixture.email, fixture.password));
      return { fixture, secret };
    }

    it('REQUIRE_TWOFOLD asks for Twofold’s second factor even when the provider did MFA', async () => {
      const { fixture, secret } = await withAuthenticator();
      const { browser } = await signInThroughProvider(
        await atProvider(fixture.email, { amr: ['pwd', 'mfa'] }),
      );
      expect(await browser.session()).toMatchObject({
        stage: SessionStage.SECOND_FACTOR,
        waiver: null,
        availableSecondFactors: expect.arrayContaining(['AUTHENTICATOR_APP']),
      });
      // nothing else answers before the second factor
      expect(codesOf(await browser.graphql('{ viewer { id } }'))).toEqual([
        'SECOND_FACTOR_REQUIRED',
      ]);
      const verified = await browser.graphql<{ verifySecondFactor: { stage: string } }>(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: oathCode(secret, stepOf(Date.now()) + 1),
      });
      expect(verified.data?.verifySecondFactor.stage).toBe(SessionStage.ACTIVE);
    });

    it.each<[string, { amr?: string[]; acr?: string }, string[], SessionStage, string | null]>([
      ['without amr', {}, [], SessionStage.SECOND_FACTOR, null],
      ['with a password-only amr', { amr: ['pwd'] }, [], SessionStage.SECOND_FACTOR, null],
      // a passwordless email code reports otp alone: one factor, not two
      ['with amr otp alone', { amr: ['otp'] }, [], SessionStage.SECOND_FACTOR, null],
      ['with amr hwk alone', { amr: ['hwk'] }, [], SessionStage.SECOND_FACTOR, null],
      [
        'with two possession methods',
        { amr: ['otp', 'sms'] },
        [],
        SessionStage.SECOND_FACTOR,
        null,
      ],
      ['with amr pwd and otp', { amr: ['pwd', 'otp'] }, [], SessionStage.ACTIVE, 'PROVIDER_MFA'],
      ['with amr mfa', { amr: ['mfa'] }, [], SessionStage.ACTIVE, 'PROVIDER_MFA'],
      [
        'with a trusted acr',
        { acr: 'urn:acme:loa:2' },
        ['urn:acme:loa:2'],
        SessionStage.ACTIVE,
        'PROVIDER_MFA',
      ],
      [
        'with an acr not trusted',
        { acr: 'urn:acme:loa:1' },
        ['urn:acme:loa:2'],
        SessionStage.SECOND_FACTOR,
        null,
      ],
    ])('TRUST_PROVIDER %s', async (_, token, acr, stage, waiver) => {
      await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, acr);
      const { fixture } = await withAuthenticator();
      const { browser } = await signInThroughProvider(await atProvider(fixture.email, token));
      expect(await browser.session()).toMatchObject({ stage, waiver });
      const signIn = (await eventsOf('auth.signed_in')).filter(
        (e) => e.actorUserId === fixture.user.id,
      );
      expect(signIn.at(-1)!.details).toMatchObject({ secondFactor: waiver ?? 'TWOFOLD' });
    });

    it('EXEMPT skips the second factor and enrollment, with and without amr', async () => {
      await setPolicy(ProviderTwoFactorPolicy.EXEMPT, []);
      const { fixture } = await withAuthenticator();
      const enrolling = await member({ requireTwoFactor: true }); // would have to enroll
      for (const [person, amr] of [
        [fixture, undefined],
        [enrolling, ['pwd', 'otp']],
      ] as const) {
        const { browser } = await signInThroughProvider(
          await atProvider(person.email, amr ? { amr: [...amr] } : {}),
        );
        expect(await browser.session()).toMatchObject({
          stage: SessionStage.ACTIVE,
          waiver: 'PROVIDER_EXEMPT',
        });
        expect(
          (await browser.graphql<{ viewer: { id: string } }>('{ viewer { id } }')).data?.viewer.id,
        ).toBe(person.user.id);
      }
    });

    it('applies a changed rule to signed-in sessions at their next request', async () => {
      await setPolicy(ProviderTwoFactorPolicy.EXEMPT, []);
      const { fixture } = await withAuthenticator();
      const { browser } = await signInThroughProvider(await atProvider(fixture.email));
      expect((await browser.session())?.stage).toBe(SessionStage.ACTIVE);
      await setPolicy(ProviderTwoFactorPolicy.REQUIRE_TWOFOLD, []);
      expect((await browser.session())?.stage).toBe(SessionStage.SECOND_FACTOR);
    });

    it('asks the provider for what the rule trusts: acr_values, amr and acr claims, max_age', async () => {
      const login = await atProvider((await member()).email);
      /** What the provider received of a sign-in's authorization request. */
      const lastRequest = async () => {
        await provider.signIn(await new Browser(server).start(providerId), login);
        return (await provider.authorizationRequests()).at(-1)!;
      };
      // a rule that trusts nothing of the provider asks for nothing more
      const plain = await lastRequest();
      expect(plain).not.toHaveProperty('acr_values');
      expect(plain).not.toHaveProperty('claims');
      expect(plain).not.toHaveProperty('max_age');

      await setPolicy(
        ProviderTwoFactorPolicy.TRUST_PROVIDER,
        ['urn:acme:loa:2', 'urn:acme:loa:3'],
        providerId,
        {
          maxAgeSeconds: 300,
        },
      );
      const trusting = await lastRequest();
      expect(trusting).toMatchObject({
        acr_values: 'urn:acme:loa:2 urn:acme:loa:3',
        max_age: '300',
      });
      expect(JSON.parse(trusting.claims!)).toEqual({
        id_token: {
          amr: { essential: false },
          acr: { values: ['urn:acme:loa:2', 'urn:acme:loa:3'] },
          auth_time: { essential: true },
        },
      });

      await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, []);
      const byAmr = await lastRequest();
      expect(byAmr).not.toHaveProperty('acr_values');
      expect(byAmr.max_age).toBe('600');
      expect(JSON.parse(byAmr.claims!)).toEqual({
        id_token: { amr: { essential: true }, auth_time: { essential: true } },
      });

      // and the provider (claims parameter enabled) answers with them in the ID token
      const { fixture } = await withAuthenticator();
      const { browser } = await signInThroughProvider(
        await atProvider(fixture.email, { amr: ['pwd', 'otp'] }),
      );
      expect(await browser.session()).toMatchObject({
        stage: SessionStage.ACTIVE,
        waiver: 'PROVIDER_MFA',
      });
    });

    it('does not waive on a provider sign-in older than max_age', async () => {
      await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, []);
      const { fixture } = await withAuthenticator();
      const login = await atProvider(fixture.email, { amr: ['mfa'] });
      // a provider that kept an hour-old session and ignored max_age
      await provider.setMode('stale-auth-time');
      const stale = await signInThroughProvider(login);
      expect(stale.landing).toBe('/');
      expect(await stale.browser.session()).toMatchObject({
        stage: SessionStage.SECOND_FACTOR,
        waiver: null,
      });
      for (const policy of [
        ProviderTwoFactorPolicy.TRUST_PROVIDER,
        ProviderTwoFactorPolicy.EXEMPT,
      ]) {
        await setPolicy(policy, []);
        expect((await stale.browser.session())?.stage).toBe(SessionStage.SECOND_FACTOR);
      }
      // an owner who lets any age do: the same session is spared
      await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, [], providerId, {
        maxAgeSeconds: null,
      });
      expect(await stale.browser.session()).toMatchObject({
        stage: SessionStage.ACTIVE,
        waiver: 'PROVIDER_MFA',
      });
      // a fresh sign-in is spared within max_age
      await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, []);
      await provider.setMode('ok');
      const fresh = await signInThroughProvider(login);
      expect(await fresh.browser.session()).toMatchObject({
        stage: SessionStage.ACTIVE,
        waiver: 'PROVIDER_MFA',
      });
    });

    it('keeps Twofold’s second factor for a user type the owner did not tick', async () => {
      const { fixture, secret } = await withAuthenticator();
      const login = await atProvider(fixture.email, { amr: ['mfa'] });
      for (const policy of [
        ProviderTwoFactorPolicy.TRUST_PROVIDER,
        ProviderTwoFactorPolicy.EXEMPT,
      ]) {
        await setPolicy(policy, [], providerId, { waiverUserTypes: [UserType.APP_REPORT_VIEWER] });
        const { browser } = await signInThroughProvider(login);
        expect(await browser.session()).toMatchObject({
          stage: SessionStage.SECOND_FACTOR,
          waiver: null,
        });
        if (policy === ProviderTwoFactorPolicy.EXEMPT) {
          const verified = await browser.graphql<{ verifySecondFactor: { stage: string } }>(
            VERIFY,
            {
              kind: 'AUTHENTICATOR_APP',
              code: oathCode(secret, stepOf(Date.now()) + 1),
            },
          );
          expect(verified.data?.verifySecondFactor.stage).toBe(SessionStage.ACTIVE);
        }
      }
      // nobody is ticked on a new provider
      const created = await owner.ok<{
        createIdentityProvider: { id: string; waiverUserTypes: string[]; maxAgeSeconds: number };
      }>(CREATE, {
        input: {
          displayName: 'Exempt ID',
          issuerUrl: provider.issuer,
          clientId: client.client_id,
          clientSecret: CLIENT_SECRET,
          twoFactorPolicy: ProviderTwoFactorPolicy.EXEMPT,
        },
      });
      expect(created.createIdentityProvider).toMatchObject({
        waiverUserTypes: [],
        maxAgeSeconds: 600,
      });
      // any age is a choice of its own, not the default
      const anyAge = await owner.ok<{
        createIdentityProvider: { id: string; maxAgeSeconds: null };
      }>(CREATE, {
        input: {
          displayName: 'Any age ID',
          issuerUrl: provider.issuer,
          clientId: client.client_id,
          clientSecret: CLIENT_SECRET,
          maxAgeSeconds: null,
        },
      });
      expect(anyAge.createIdentityProvider.maxAgeSeconds).toBeNull();
      await owner.ok('mutation ($id: ID!) { removeIdentityProvider(id: $id) }', {
        id: anyAge.createIdentityProvider.id,
      });
      const { browser } = await signInThroughProvider(login, created.createIdentityProvider.id);
      expect((await browser.session())?.stage).toBe(SessionStage.SECOND_FACTOR);
      await owner.ok('mutation ($id: ID!) { removeIdentityProvider(id: $id) }', {
        id: created.createIdentityProvider.id,
      });
    });

    it('ticks a type whose policy requires a second factor only when the owner confirms', async () => {
      const policies = server.dataSource.getRepository(SecurityPolicy);
      const where = { accountId: acme.account.id, userType: UserType.APP_REPORT_VIEWER };
      await policies.update(where, { enforcement: Enforcement.REQUIRED });
      try {
        const input = {
          twoFactorPolicy: ProviderTwoFactorPolicy.EXEMPT,
          waiverUserTypes: [UserType.APP_REVIEWER, UserType.APP_REPORT_VIEWER],
        };
        const before = await server.dataSource.getRepository(AuditEvent).count();
        const refused = await owner.request(UPDATE, { id: providerId, input });
        expect(refused.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [expect.objectContaining({ field: 'input.waiverUserTypes' })],
        });
        expect(JSON.stringify(refused.errors?.[0]?.extensions)).toContain('APP_REPORT_VIEWER');
        expect(await server.dataSource.getRepository(AuditEvent).count()).toBe(before);
        // creating such a provider is refused the same way
        const created = await owner.request(CREATE, {
          input: {
            displayName: 'X',
            issuerUrl: provider.issuer,
            clientId: 'c',
            clientSecret: 's',
            ...input,
          },
        });
        expect(JSON.stringify(created.errors?.[0]?.extensions)).toContain('input.waiverUserTypes');
        // ticking it under REQUIRE_TWOFOLD waives nothing, so it needs no confirmation
        await owner.ok(UPDATE, {
          id: providerId,
          input: { ...input, twoFactorPolicy: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD },
        });
        // ...until the rule starts to waive
        expect(
          codesOf(
            await owner.request(UPDATE, {
              id: providerId,
              input: { twoFactorPolicy: ProviderTwoFactorPolicy.TRUST_PROVIDER },
            }),
          ),
        ).toEqual(['BAD_USER_INPUT']);
        const confirmed = await owner.ok<{
          updateIdentityProvider: { waiverUserTypes: string[] };
        }>(UPDATE, { id: providerId, input: { ...input, confirmRequiredTypes: true } });
        expect(confirmed.updateIdentityProvider.waiverUserTypes).toEqual(input.waiverUserTypes);
        expect((await eventsOf('identity_provider.updated')).at(-1)!.details).toMatchObject({
          confirmedRequiredTypes: true,
          changes: {
            twoFactorPolicy: {
              from: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
              to: ProviderTwoFactorPolicy.EXEMPT,
            },
          },
        });
      } finally {
        await policies.update(where, { enforcement: Enforcement.OPTIONAL });
      }
    });
  });

  it('speaks for its account only: no login-wide activity or sessions, even past the second factor', async () => {
    const { fixture, secret } = await (async () => {
      const f = await member({ requireTwoFactor: true });
      const { secret: s } = await enroll(await signedIn(server.url, f.email, f.password));
      return { fixture: f, secret: s };
    })();
    // the same login in another account, signed in there with its password
    const other = await makeAccount(server.services, 'Other place');
    await makeUser(server.services, other.account, { email: fixture.email });
    const elsewhere = new ApiClient(server.url);
    await elsewhere.signIn(fixture.email, fixture.password);
    expect(elsewhere.token).toBeDefined();

    const { browser } = await signInThroughProvider(await atProvider(fixture.email));
    const verified = await browser.graphql<{ verifySecondFactor: { stage: string } }>(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(secret, stepOf(Date.now()) + 1),
    });
    expect(verified.data?.verifySecondFactor.stage).toBe(SessionStage.ACTIVE);
    const login = await browser.graphql<{ login: unknown }>(
      '{ login { email securityEvents { totalCount } } }',
    );
    expect(login).toEqual({ data: { login: null } });
    const sessions = await browser.graphql<{ mySessions: { id: string }[] }>(
      '{ mySessions { id } }',
    );
    // the profile's own sessions only, not the login's in the other account
    const ids = sessions.data!.mySessions.map((session) => session.id);
    const rows = await server.dataSource
      .getRepository(Session)
      .findBy({ identityId: fixture.user.identityId });
    expect(rows.length).toBeGreaterThan(ids.length);
    expect(rows.filter((row) => ids.includes(row.id)).map((row) => row.userId)).toEqual(
      ids.map(() => fixture.user.id),
    );
  });

  it('does not take a subject differing only in case for a linked one', async () => {
    const ann = await member();
    const linked = await signInThroughProvider(await atProvider(ann.email, { sub: 'Case-Sub-1' }));
    expect(linked.landing).toBe('/');
    const other = await signInThroughProvider(
      await atProvider(randomEmail('someone'), { sub: 'case-sub-1' }),
    );
    expect(other.landing).toBe(`/sign-in?openIdError=${OpenIdFailure.UNKNOWN_USER}`);
  });

  it('starts links and sessions over when the provider points at another issuer', async () => {
    const ann = await member();
    const { browser } = await signInThroughProvider(await atProvider(ann.email));
    expect((await browser.session())?.stage).toBe(SessionStage.ACTIVE);
    const links = () =>
      server.dataSource
        .getRepository(IdentitySubject)
        .countBy({ identityProviderId: providerId, identityId: ann.user.identityId });
    expect(await links()).toBe(1);
    await owner.ok(UPDATE, { id: providerId, input: { issuerUrl: `${provider.issuer}/other` } });
    expect(await links()).toBe(0);
    expect(await browser.session()).toBeNull();
    await owner.ok(UPDATE, { id: providerId, input: { issuerUrl: provider.issuer } });
  });

  it('refuses a plain-http issuer on localhost when Twofold itself is not on localhost', async () => {
    const services = new IdentityProviderService({
      dataSource: server.dataSource,
      audit: server.services.audit,
      box: server.services.secrets.providerSecretBox,
      client: new ProviderClient({ logger }),
      publicUrl: 'https://twofold.example.com',
    });
    const [ownerProfile] = await server.services.sessionView.activeProfiles(
      acme.owner.identityId,
      acme.account.id,
    );
    await expect(
      services.create(
        { user: ownerProfile! },
        {
          displayName: 'Local',
          issuerUrl: 'http://127.0.0.1:9',
          clientId: 'c',
          clientSecret: 's',
          allowedEmailDomains: [],
          twoFactorPolicy: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
          trustedAcrValues: [],
        },
        { ip: null },
      ),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'input.issuerUrl' })],
    });
  });

  it('offers only the provider’s account’s profiles to choose from', async () => {
    const email = randomEmail('two');
    const first = await makeUser(server.services, acme.account, {
      email,
      displayName: 'Ann (reviewer)',
    });
    await makeUser(server.services, acme.account, {
      email,
      userType: UserType.APP_REPORT_VIEWER,
      displayName: 'Ann (reports)',
    });
    const other = await makeAccount(server.services, 'Elsewhere');
    await makeUser(server.services, other.account, { email, displayName: 'Ann elsewhere' });
    const { browser } = await signInThroughProvider(await atProvider(email));
    const session = await browser.session();
    expect(session?.stage).toBe(SessionStage.PROFILE_SELECTION);
    expect(session?.profiles.map((p) => p.displayName).sort()).toEqual([
      'Ann (reports)',
      'Ann (reviewer)',
    ]);
    const [otherProfile] = await server.services.sessionView.activeProfiles(
      first.user.identityId,
      other.account.id,
    );
    const refused = await browser.graphql(
      'mutation ($id: ID!) { selectProfile(userId: $id) { stage } }',
      {
        id: otherProfile!.id,
      },
    );
    expect(codesOf(refused)).toEqual(['NOT_FOUND']);
    const chosen = await browser.graphql<{ selectProfile: { stage: string } }>(
      'mutation ($id: ID!) { selectProfile(userId: $id) { stage } }',
      { id: first.user.id },
    );
    expect(chosen.data?.selectProfile.stage).toBe(SessionStage.ACTIVE);
  });

  it('lets an owner test the provider without signing anyone in', async () => {
    const browser = new Browser(server);
    const ownerSession = await browser.graphql<{ signIn: { session: { stage: string } } }>(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { session { stage } } }',
      { e: acme.ownerEmail, p: acme.password },
    );
    expect(ownerSession.data?.signIn.session.stage).toBe(SessionStage.ACTIVE);
    const sessionCookie = browser.cookies.get('twofold_session');
    const started = await browser.graphql<{ testIdentityProvider: string }>(
      'mutation ($id: ID!) { testIdentityProvider(id: $id) }',
      { id: providerId },
    );
    const login = await atProvider(randomEmail('tester'), { amr: ['pwd', 'otp'] });
    await setPolicy(ProviderTwoFactorPolicy.TRUST_PROVIDER, []);
    const landing = await browser.callback(
      await provider.signIn(started.data!.testIdentityProvider, login),
    );
    expect(landing).toBe(`/security?testedProvider=${providerId}&emailVerified=1&secondFactor=1`);
    // the owner's session is the one it was
    expect(browser.cookies.get('twofold_session')).toBe(sessionCookie);
    const tested = (await eventsOf('identity_provider.tested')).at(-1)!;
    expect(tested.details).toMatchObject({ outcome: 'ok', secondFactorShown: true });
  });

  describe('settings', () => {
    it('only owners change providers; administrators read them; other accounts see none', async () => {
      const admin = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
      });
      const adminClient = await signedIn(server.url, admin.email, admin.password);
      const list = await adminClient.ok<{ identityProviders: { id: string }[] }>(
        '{ identityProviders { id displayName } }',
      );
      expect(list.identityProviders.map((p) => p.id)).toContain(providerId);
      expect(
        codesOf(
          await adminClient.request(UPDATE, {
            id: providerId,
            input: { twoFactorPolicy: 'EXEMPT' },
          }),
        ),
      ).toEqual(['FORBIDDEN']);
      const reviewer = await member();
      expect(
        codesOf(
          await (
            await signedIn(server.url, reviewer.email, reviewer.password)
          ).request('{ identityProviders { id } }'),
        ),
      ).toEqual(['FORBIDDEN']);
      const other = await makeAccount(server.services, 'Rival');
      const rival = await signedIn(server.url, other.ownerEmail, other.password);
      expect(
        codesOf(await rival.request(UPDATE, { id: providerId, input: { displayName: 'Mine' } })),
      ).toEqual(['NOT_FOUND']);
      expect(
        (await rival.ok<{ identityProviders: unknown[] }>('{ identityProviders { id } }'))
          .identityProviders,
      ).toEqual([]);
    });

    it('names the field of bad input and writes nothing', async () => {
      const before = await server.dataSource.getRepository(AuditEvent).count();
      for (const [input, field] of [
        [{ issuerUrl: 'ftp://id.example.com' }, 'input.issuerUrl'],
        [{ issuerUrl: 'http://id.example.com' }, 'input.issuerUrl'],
        [{ issuerUrl: 'https://id.example.com/?x=1' }, 'input.issuerUrl'],
        [{ displayName: ' ' }, 'input.displayName'],
        [{ clientSecret: 'x'.repeat(513) }, 'input.clientSecret'],
        [{ allowedEmailDomains: ['not a domain'] }, 'input.allowedEmailDomains.0'],
        [
          { trustedAcrValues: Array.from({ length: 11 }, (_, i) => `acr${i}`) },
          'input.trustedAcrValues',
        ],
        [{ maxAgeSeconds: -1 }, 'input.maxAgeSeconds'],
        [{ maxAgeSeconds: 86_401 }, 'input.maxAgeSeconds'],
      ] as const) {
        const result = await owner.request(CREATE, {
          input: {
            ...{
              displayName: 'Bad',
              issuerUrl: 'https://id.example.com',
              clientId: 'c',
              clientSecret: 's',
            },
            ...input,
          },
        });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
        expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain(field);
      }
      expect(await server.dataSource.getRepository(AuditEvent).count()).toBe(before);
    });

    it('keeps the client secret out of the database, the API and the logs', async () => {
      const rows = await server.dataSource.query('SELECT * FROM identity_providers');
      expect(JSON.stringify(rows)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(rows)).toContain(acme.account.id);
      const audit = await server.dataSource.query('SELECT details FROM audit_events');
      expect(JSON.stringify(audit)).not.toContain(CLIENT_SECRET);
      if (server.config.database.type === 'sqlite') {
        // the database file itself, write-ahead log included
        const file = server.config.database.path;
        const bytes = [file, `${file}-wal`]
          .map((name) => {
            try {
              return readFileSync(name).toString('latin1');
            } catch {
              return '';
            }
          })
          .join('');
        expect(bytes).toContain('Acme ID');
        expect(bytes).not.toContain(CLIENT_SECRET);
      }
      expect(logLines.join('\n')).not.toContain(CLIENT_SECRET);
      const sdl = (await (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
          body: JSON.stringify({
            query: '{ __type(name: "IdentityProvider") { fields { name } } }',
          }),
        })
      ).json()) as { data: { __type: { fields: { name: string }[] } } };
      expect(sdl.data.__type.fields.map((f) => f.name)).not.toContain('clientSecret');
    });

    it('offers the sign-in buttons by account slug or verified email domain', async () => {
      await owner.ok(UPDATE, { id: providerId, input: { allowedEmailDomains: ['acme.example'] } });
      await server.services.accountDomains.verifyByOperator(acme.account.slug, 'acme.example');
      const options = (variables: Record<string, unknown>) =>
        new Browser(server).graphql<{
          signInOptions: { displayName: string; startPath: string }[];
        }>(
          'query ($slug: String, $email: String) { signInOptions(accountSlug: $slug, email: $email) { displayName accountName startPath } }',
          variables,
        );
      expect((await options({ slug: acme.account.slug })).data?.signInOptions).toContainEqual({
        displayName: 'Acme ID',
        accountName: 'Acme',
        startPath: `/oidc/start?provider=${providerId}`,
      });
      expect(
        (await options({ email: 'ann@ACME.example' })).data?.signInOptions.map(
          (o) => o.displayName,
        ),
      ).toEqual(['Acme ID']);
      expect((await options({ email: 'ann@other.example' })).data?.signInOptions).toEqual([]);
      expect((await options({ slug: 'no-such-account' })).data?.signInOptions).toEqual([]);
      expect(codesOf(await options({ email: 'not an email' }))).toEqual(['BAD_USER_INPUT']);
      await owner.ok(UPDATE, { id: providerId, input: { allowedEmailDomains: [] } });
    });

    it('removing a provider ends the sessions signed in through it', async () => {
      const second = await owner.ok<{ createIdentityProvider: { id: string } }>(CREATE, {
        input: {
          displayName: 'Second ID',
          issuerUrl: provider.issuer,
          clientId: client.client_id,
          clientSecret: CLIENT_SECRET,
        },
      });
      const id = second.createIdentityProvider.id;
      const ann = await member();
      const { browser } = await signInThroughProvider(await atProvider(ann.email), id);
      expect((await browser.session())?.identityProviderName).toBe('Second ID');
      await owner.ok('mutation ($id: ID!) { removeIdentityProvider(id: $id) }', { id });
      expect(await browser.session()).toBeNull();
      expect(
        await server.dataSource.getRepository(IdentitySubject).countBy({ identityProviderId: id }),
      ).toBe(0);
    });
  });

  it('leaves password sessions as they were', async () => {
    const ann = await member();
    const password = await signedIn(server.url, ann.email, ann.password);
    expect(
      (
        await password.ok<{ session: SessionView }>(
          '{ session { stage identityProviderName waiver } }',
        )
      ).session,
    ).toEqual({ stage: SessionStage.ACTIVE, identityProviderName: null, waiver: null });
  });

  it('opens one session when the same answer reaches two replicas at once', async () => {
    const replicas = await startReplicas({ PUBLIC_URL });
    try {
      const { a, b } = replicas;
      const account = await makeAccount(a.services, 'Replicated');
      const ownerOfIt = await signedIn(a.url, account.ownerEmail, account.password);
      const id = (
        await ownerOfIt.ok<{ createIdentityProvider: { id: string } }>(CREATE, {
          input: {
            displayName: 'Replicated ID',
            issuerUrl: provider.issuer,
            clientId: client.client_id,
            clientSecret: CLIENT_SECRET,
          },
        })
      ).createIdentityProvider.id;
      const person = await makeUser(a.services, account.account);
      const login = await atProvider(person.email);
      const browser = new Browser(a);
      const { pathname, search } = new URL(await provider.signIn(await browser.start(id), login));
      const answers = await releaseGetsTogether(
        [a, b, a, b, a, b].map((replica) => ({
          url: `${replica.url}${pathname}${search}`,
          headers: { Cookie: browser.cookieHeader() },
        })),
      );
      const locations = answers.map(({ head }) => /\r\nlocation: (\S+)/i.exec(head)?.[1]);
      expect(locations.filter((l) => l === '/')).toHaveLength(1);
      expect(await a.dataSource.getRepository(Session).countBy({ identityProviderId: id })).toBe(1);
    } finally {
      await replicas.close();
    }
  });
});
