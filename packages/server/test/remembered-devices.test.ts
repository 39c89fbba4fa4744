import { createHash } from 'node:crypto';
import {
  Enforcement,
  ProviderTwoFactorPolicy,
  SessionStage,
  TwoFactorMethod,
  UserType,
} from '@twofold/shared';
import {
  type ApiClient,
  codesOf,
  type GraphQLErrorBody,
  reasonsOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { startOidcProvider, startPageTarget } from '@twofold/testkit/oidc-provider';
import { SoftAuthenticator } from '@twofold/testkit/passkey';
import { releaseTogether } from '@twofold/testkit/release-together';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { LinkPurpose, linkLifetimes } from '../src/modules/link-token/link-token.service';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { RememberedDevice } from '../src/modules/remembered-device/remembered-device.entity';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

// docs/design.md, Remembered browsers

const PUBLIC_URL = 'http://localhost:4000';
const PIN = '2580';
const DAYS = 30;
const day = 24 * 60 * 60_000;

const SESSION = `{ session { stage rememberBrowserDays loginAssured } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { session { stage rememberBrowserDays } }
}`;
const VERIFY = `mutation ($kind: SecondFactorKind!, $code: String!, $remember: Boolean!) {
  verifySecondFactor(kind: $kind, code: $code, rememberBrowser: $remember) { stage }
}`;
const SELECT = `mutation ($userId: ID!) { selectProfile(userId: $userId) { stage } }`;
const SET_PIN = `mutation { setPin(pin: "${PIN}", pinConfirmation: "${PIN}") { backupCodes } }`;
const MINE = `{ viewer { rememberedBrowsers { id browser createdAt lastUsedAt expiresAt current } } }`;
const OF_USER = `query ($id: ID!) { user(id: $id) { rememberedBrowsers { id current } } }`;
const FORGET = `mutation ($id: ID!) { forgetRememberedBrowser(id: $id) }`;
const FORGET_ALL = `mutation { forgetRememberedBrowsers }`;
const FORGET_USER = `mutation ($userId: ID!) { forgetUserRememberedBrowsers(userId: $userId) }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next)
}`;
const UPDATE_POLICY = `mutation ($input: SecurityPolicyInput!) {
  updateSecurityPolicy(input: $input) { rememberDeviceDays }
}`;

interface Stage {
  stage: SessionStage;
  rememberBrowserDays: number;
}

/** One browser against Twofold: a cookie jar (HttpOnly cookies included), redirects not followed. */
class Browser {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie lines of the last answer. */
  lastSetCookies: string[] = [];

  constructor(private readonly url: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      if (/Max-Age=0(;|$)/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(index + 1));
    }
  }

  /** The device cookies this browser holds (name → token). */
  deviceCookies(): Map<string, string> {
    return new Map([...this.cookies].filter(([name]) => name.startsWith('twofold_device_')));
  }

  async graphql<T>(query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookieHeader() },
      body: JSON.stringify({ query, variables }),
    });
    this.keep(response);
    return (await response.json()) as { data?: T | null; errors?: GraphQLErrorBody[] };
  }

  async ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.graphql<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  async signIn(person: { email: string; password: string }): Promise<Stage> {
    const { signIn } = await this.ok<{ signIn: { session: Stage } }>(SIGN_IN, person);
    return signIn.session;
  }

  async signOut(): Promise<void> {
    await this.ok('mutation { signOut }');
  }

  async verify(code: string, remember: boolean, kind = 'PIN'): Promise<SessionStage> {
    const { verifySecondFactor } = await this.ok<{ verifySecondFactor: { stage: SessionStage } }>(
      VERIFY,
      { kind, code, remember },
    );
    return verifySecondFactor.stage;
  }

  async session(): Promise<(Stage & { loginAssured: boolean }) | null> {
    return (await this.ok<{ session: (Stage & { loginAssured: boolean }) | null }>(SESSION))
      .session;
  }

  /** GETs a path (OpenID callback); answers the redirect's Location. */
  async get(path: string): Promise<string | null> {
    const response = await fetch(`${this.url}${path}`, {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader() },
    });
    this.keep(response);
    return response.headers.get('location');
  }

  /** Clicks "Sign in with …" on Twofold's page: answers the provider's authorization URL. */
  async startOpenId(providerId: string): Promise<string> {
    const response = await fetch(`${this.url}/oidc/start`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        origin: new URL(PUBLIC_URL).origin,
      },
      body: new URLSearchParams({ provider: providerId }).toString(),
    });
    this.keep(response);
    expect(response.status).toBe(200);
    return startPageTarget(await response.text())!;
  }
}

describe(`remembered browsers (${testDialect})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL } });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** An account whose types remember browsers for `days` days. */
  async function account(days = DAYS): Promise<AccountFixture> {
    const acme = await makeAccount(server.services);
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update({ accountId: acme.account.id }, { rememberDeviceDays: days });
    return acme;
  }

  /** A profile holding a PIN (and backup codes), set up through the API. */
  async function withPin(
    acme: AccountFixture,
    options: Parameters<typeof makeUser>[2] = {},
  ): Promise<UserFixture & { backupCodes: string[] }> {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      ...options,
    });
    const client = await signedIn(server.url, fixture.email, fixture.password);
    // a login with another profile chooses this one
    await client.request(SELECT, { userId: fixture.user.id });
    const { setPin } = await client.ok<{ setPin: { backupCodes: string[] } }>(SET_PIN);
    return { ...fixture, backupCodes: setPin.backupCodes };
  }

  /** A browser that signed in with the PIN and ticked "Remember this browser"; still signed in. */
  async function remembered(person: UserFixture, browser = new Browser(server.url)) {
    expect(await browser.signIn(person)).toEqual({
      stage: SessionStage.SECOND_FACTOR,
      rememberBrowserDays: DAYS,
    });
    expect(await browser.verify(PIN, true)).toBe(SessionStage.ACTIVE);
    expect(browser.deviceCookies().size).toBeGreaterThan(0);
    return browser;
  }

  /** Signs the browser out and in again: the stage its sign-in reaches. */
  async function signInAgain(
    browser: Browser,
    person: { email: string; password: string },
  ): Promise<SessionStage> {
    // a session a reset or a password change ended has nothing to sign out of
    if (browser.cookies.has('twofold_session')) await browser.graphql('mutation { signOut }');
    browser.cookies.delete('twofold_session');
    return (await browser.signIn(person)).stage;
  }

  function devicesOf(userId: string): Promise<RememberedDevice[]> {
    return server.dataSource.getRepository(RememberedDevice).findBy({ userId });
  }

  async function eventsOf(action: string, targetId: string): Promise<AuditEvent[]> {
    return server.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action, targetId }, order: { createdAt: 'ASC' } });
  }

  describe('remembering and using a browser', () => {
    let acme: AccountFixture;
    let ann: Awaited<ReturnType<typeof withPin>>;
    let browser: Browser;

    beforeAll(async () => {
      acme = await account();
      ann = await withPin(acme);
      browser = await remembered(ann);
    });

    it('sets an HttpOnly, SameSite=Lax cookie of its own for the login’s profile', () => {
      const line = browser.lastSetCookies.find((l) => l.startsWith('twofold_device_'));
      expect(line).toMatch(
        /^twofold_device_[0-9a-f]{16}=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/,
      );
      // plain-http localhost is the one place without Secure
      expect(line).not.toContain('Secure');
      const [name] = [...browser.deviceCookies().keys()];
      expect(name).toBe(
        server.services.rememberedDevices.cookieNameOf(ann.user.identityId, ann.user.id),
      );
    });

    it('skips the second factor at the next sign-in, and records its use', async () => {
      const before = (await devicesOf(ann.user.id))[0]!;
      expect(before.lastUsedAt).toBeNull();
      expect(before.browser).toBe('Unknown browser');
      expect(before.expiresAt.getTime() - before.createdAt.getTime()).toBe(DAYS * day);
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
      const after = (await devicesOf(ann.user.id))[0]!;
      expect(after.lastUsedAt).not.toBeNull();
      expect(await eventsOf('two_factor.browser_remembered', ann.user.id)).toHaveLength(1);
      const used = await eventsOf('auth.remembered_browser_used', ann.user.id);
      expect(used.length).toBeGreaterThanOrEqual(1);
      expect(used[0]!.details).toMatchObject({ rememberedBrowserId: before.id });
      expect(used[0]!.accountId).toBe(acme.account.id);
    });

    it('does not skip it for a browser without the cookie', async () => {
      expect(await signInAgain(new Browser(server.url), ann)).toBe(SessionStage.SECOND_FACTOR);
    });

    it('gives no login assurance: changing the password still asks for it', async () => {
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
      expect((await browser.session())?.loginAssured).toBe(false);
      const change = await browser.graphql(CHANGE_PASSWORD, {
        current: ann.password,
        next: 'a whole new password',
      });
      expect(codesOf(change)).toEqual(['FORBIDDEN']);
      expect(reasonsOf(change)).toEqual(['LOGIN_NOT_ASSURED']);
      // the PIN itself, typed, does give it
      const typed = new Browser(server.url);
      await typed.signIn(ann);
      await typed.verify(PIN, false);
      expect((await typed.session())?.loginAssured).toBe(true);
    });

    it('keeps only the token’s SHA-256: no table holds the cookie’s value', async () => {
      const token = [...browser.deviceCookies().values()][0]!;
      const device = (await devicesOf(ann.user.id))[0]!;
      expect(device.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      for (const entity of server.dataSource.entityMetadatas) {
        const rows = await server.dataSource.getRepository(entity.target).find();
        expect(JSON.stringify(rows)).not.toContain(token);
      }
    });

    it('lists the browser for the profile, marking the one asking', async () => {
      const other = await remembered(ann);
      const { viewer } = await browser.ok<{
        viewer: {
          rememberedBrowsers: { id: string; current: boolean; lastUsedAt: string | null }[];
        };
      }>(MINE);
      expect(viewer.rememberedBrowsers).toHaveLength(2);
      const mine = viewer.rememberedBrowsers.filter((b) => b.current);
      expect(mine).toHaveLength(1);
      const fromOther = await other.ok<{
        viewer: { rememberedBrowsers: { id: string; current: boolean }[] };
      }>(MINE);
      expect(fromOther.viewer.rememberedBrowsers.find((b) => b.current)?.id).not.toBe(mine[0]!.id);
      // an expired one is not listed
      await server.dataSource
        .getRepository(RememberedDevice)
        .update({ id: mine[0]!.id }, { expiresAt: new Date(Date.now() - 1000) });
      const left = await other.ok<{ viewer: { rememberedBrowsers: { id: string }[] } }>(MINE);
      expect(left.viewer.rememberedBrowsers.map((b) => b.id)).not.toContain(mine[0]!.id);
      // nor does it skip the second factor any more
      expect(await signInAgain(browser, ann)).toBe(SessionStage.SECOND_FACTOR);
    });
  });

  describe('whose cookie counts', () => {
    it('never offers one login’s cookie for another login on the same browser', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const bob = await withPin(acme);
      const browser = await remembered(ann);
      expect(await signInAgain(browser, bob)).toBe(SessionStage.SECOND_FACTOR);
      // Ann's token under Bob's cookie name is no device of Bob's
      const token = [...browser.deviceCookies().values()][0]!;
      const forged = new Browser(server.url);
      forged.cookies.set(
        server.services.rememberedDevices.cookieNameOf(bob.user.identityId, bob.user.id),
        token,
      );
      expect(await signInAgain(forged, bob)).toBe(SessionStage.SECOND_FACTOR);
      // both keep theirs on one browser
      await browser.verify(PIN, true);
      expect(browser.deviceCookies().size).toBe(2);
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
      expect(await signInAgain(browser, bob)).toBe(SessionStage.ACTIVE);
    });

    it('is one profile’s only: another profile of the same login asks for its factor', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const second = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REPORT_VIEWER,
        email: ann.email,
      });
      // the second profile sets its own PIN
      const client = await signedIn(server.url, ann.email, ann.password);
      await client.ok(SELECT, { userId: second.user.id });
      await client.ok(SET_PIN);

      const browser = new Browser(server.url);
      expect((await browser.signIn(ann)).stage).toBe(SessionStage.PROFILE_SELECTION);
      await browser.ok(SELECT, { userId: ann.user.id });
      expect(await browser.verify(PIN, true)).toBe(SessionStage.ACTIVE);

      // selecting the remembered profile skips its factor; the other profile does not
      await browser.signOut();
      await browser.signIn(ann);
      expect(
        (await browser.ok<{ selectProfile: { stage: string } }>(SELECT, { userId: ann.user.id }))
          .selectProfile.stage,
      ).toBe(SessionStage.ACTIVE);
      await browser.signOut();
      await browser.signIn(ann);
      expect(
        (
          await browser.ok<{ selectProfile: { stage: string } }>(SELECT, {
            userId: second.user.id,
          })
        ).selectProfile.stage,
      ).toBe(SessionStage.SECOND_FACTOR);
      // nor does the first profile's token under the second's cookie name
      const token = [...browser.deviceCookies().values()][0]!;
      const forged = new Browser(server.url);
      forged.cookies.set(
        server.services.rememberedDevices.cookieNameOf(ann.user.identityId, second.user.id),
        token,
      );
      await forged.signIn(ann);
      expect(
        (await forged.ok<{ selectProfile: { stage: string } }>(SELECT, { userId: second.user.id }))
          .selectProfile.stage,
      ).toBe(SessionStage.SECOND_FACTOR);
    });

    it('remembers nothing for a bearer session or a type that does not remember', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const bearer = await signedIn(server.url, ann.email, ann.password);
      expect(
        (await bearer.ok<{ session: Stage }>(`{ session { stage rememberBrowserDays } }`)).session,
      ).toEqual({ stage: SessionStage.SECOND_FACTOR, rememberBrowserDays: 0 });
      const verified = await bearer.request(VERIFY, { kind: 'PIN', code: PIN, remember: true });
      expect(verified.errors).toBeUndefined();
      expect(verified.headers.getSetCookie()).toEqual([]);
      expect(await devicesOf(ann.user.id)).toEqual([]);

      const off = await account(0);
      const bob = await withPin(off);
      const browser = new Browser(server.url);
      expect(await browser.signIn(bob)).toEqual({
        stage: SessionStage.SECOND_FACTOR,
        rememberBrowserDays: 0,
      });
      expect(await browser.verify(PIN, true)).toBe(SessionStage.ACTIVE);
      expect(browser.deviceCookies().size).toBe(0);
      expect(await devicesOf(bob.user.id)).toEqual([]);
    });

    it('does not skip once the type’s days are shortened past it, or turned off', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const browser = await remembered(ann);
      const [device] = await devicesOf(ann.user.id);
      await server.dataSource
        .getRepository(RememberedDevice)
        .update({ id: device!.id }, { createdAt: new Date(Date.now() - 10 * day) });
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
      // written straight to the row: through updateSecurityPolicy it would forget them all
      const policies = server.dataSource.getRepository(SecurityPolicy);
      const where = { accountId: acme.account.id, userType: UserType.APP_REVIEWER };
      await policies.update(where, { rememberDeviceDays: 7 });
      expect(await signInAgain(browser, ann)).toBe(SessionStage.SECOND_FACTOR);
      await policies.update(where, { rememberDeviceDays: 11 });
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
      await policies.update(where, { rememberDeviceDays: 0 });
      expect(await browser.signOut()).toBeUndefined();
      expect(await browser.signIn(ann)).toEqual({
        stage: SessionStage.SECOND_FACTOR,
        rememberBrowserDays: 0,
      });
    });

    it('does not skip a locked second-factor step; an unlock keeps the browser', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const browser = await remembered(ann);
      await server.dataSource.getRepository(SecondFactorGuard).save({
        userId: ann.user.id,
        consecutiveFailures: 5,
        lockCount: 1,
        lockedUntil: new Date(Date.now() + 15 * 60_000),
        disabledAt: null,
      });
      expect(await signInAgain(browser, ann)).toBe(SessionStage.SECOND_FACTOR);
      await server.dataSource
        .getRepository(SecondFactorGuard)
        .update({ userId: ann.user.id }, { lockedUntil: null, disabledAt: new Date() });
      expect(await signInAgain(browser, ann)).toBe(SessionStage.SECOND_FACTOR);

      const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      await owner.ok(`mutation ($id: ID!) { unlockTwoFactor(userId: $id) { id } }`, {
        id: ann.user.id,
      });
      expect(await devicesOf(ann.user.id)).toHaveLength(1);
      expect(await signInAgain(browser, ann)).toBe(SessionStage.ACTIVE);
    });
  });

  describe('forgetting', () => {
    let acme: AccountFixture;
    let owner: ApiClient;

    beforeAll(async () => {
      acme = await account();
      owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    });

    /** A profile with a remembered browser that works, before `forget` runs. */
    async function rememberedPerson() {
      const person = await withPin(acme);
      const browser = await remembered(person);
      expect(await signInAgain(browser, person)).toBe(SessionStage.ACTIVE);
      return { person, browser };
    }

    it('forgets on an administrator’s full reset', async () => {
      const { person, browser } = await rememberedPerson();
      await owner.ok(
        `mutation ($id: ID!) { resetTwoFactor(userId: $id, reason: "lost phone") { id } }`,
        { id: person.user.id },
      );
      expect(await devicesOf(person.user.id)).toEqual([]);
      const [event] = await eventsOf('two_factor.reset', person.user.id);
      expect(event!.details).toMatchObject({
        reason: 'lost phone',
        rememberedBrowsersForgotten: 1,
      });
      // set up again: the old cookie does not skip the new factor
      const client = await signedIn(server.url, person.email, person.password);
      await client.ok(SET_PIN);
      expect(await signInAgain(browser, person)).toBe(SessionStage.SECOND_FACTOR);
    });

    it('forgets on a reset of one factor, leaving the others asked for', async () => {
      const { person, browser } = await rememberedPerson();
      const { user } = await owner.ok<{ user: { secondFactors: { id: string; kind: string }[] } }>(
        `query ($id: ID!) { user(id: $id) { secondFactors { id kind } } }`,
        { id: person.user.id },
      );
      const codes = user.secondFactors.find((f) => f.kind === 'BACKUP_CODE')!;
      await owner.ok(
        `mutation ($id: ID!, $f: [ID!]) {
          resetTwoFactor(userId: $id, reason: "codes leaked", factorIds: $f) { id }
        }`,
        { id: person.user.id, f: [codes.id] },
      );
      expect(await devicesOf(person.user.id)).toEqual([]);
      expect(await signInAgain(browser, person)).toBe(SessionStage.SECOND_FACTOR);
    });

    it('forgets when the user’s type changes or 2FA is required of them; a rename keeps them', async () => {
      const UPDATE_USER = `mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }`;
      for (const input of [{ userType: UserType.APP_REPORT_VIEWER }, { requireTwoFactor: true }]) {
        const { person } = await rememberedPerson();
        await owner.ok(UPDATE_USER, { id: person.user.id, input: { displayName: 'Renamed' } });
        expect(await devicesOf(person.user.id)).toHaveLength(1);
        await owner.ok(UPDATE_USER, { id: person.user.id, input });
        expect(await devicesOf(person.user.id)).toEqual([]);
        const events = await eventsOf('user.updated', person.user.id);
        expect(events.at(-1)!.details).toMatchObject({ rememberedBrowsersForgotten: 1 });
      }
    });

    it('forgets on the CLI’s break-glass reset', async () => {
      const { person } = await rememberedPerson();
      await server.services.adminTwoFactor.breakGlassReset(person.email, acme.account.slug);
      expect(await devicesOf(person.user.id)).toEqual([]);
    });

    it('forgets when the user turns 2FA off', async () => {
      const { person, browser } = await rememberedPerson();
      await browser.ok(`mutation { disableTwoFactor(code: "${PIN}") { id } }`);
      expect(await devicesOf(person.user.id)).toEqual([]);
      const [event] = await eventsOf('two_factor.disabled', person.user.id);
      expect(event!.details).toMatchObject({ rememberedBrowsersForgotten: 1 });
    });

    it('forgets every profile’s on a password change, this browser’s too', async () => {
      const { person, browser } = await rememberedPerson();
      const other = await account();
      const elsewhere = await withPin(other, { email: person.email });
      // the other profile's browser remembered too
      const second = new Browser(server.url);
      await second.signIn(person);
      await second.ok(SELECT, { userId: elsewhere.user.id });
      await second.verify(PIN, true);
      expect(await devicesOf(elsewhere.user.id)).toHaveLength(1);

      // a password change needs a factor typed (login assurance): this browser remembers too
      const typing = new Browser(server.url);
      await typing.signIn(person);
      await typing.ok(SELECT, { userId: person.user.id });
      expect(await typing.verify(PIN, true)).toBe(SessionStage.ACTIVE);
      expect(await devicesOf(person.user.id)).toHaveLength(2);
      await typing.ok(CHANGE_PASSWORD, { current: person.password, next: 'a whole new password' });
      expect(await devicesOf(person.user.id)).toEqual([]);
      expect(await devicesOf(elsewhere.user.id)).toEqual([]);
      const moved = { email: person.email, password: 'a whole new password' };
      for (const [each, profile] of [
        [browser, person],
        [typing, person],
        [second, elsewhere],
      ] as const) {
        await each.graphql('mutation { signOut }');
        expect((await each.signIn(moved)).stage).toBe(SessionStage.PROFILE_SELECTION);
        expect(
          (
            await each.ok<{ selectProfile: { stage: string } }>(SELECT, {
              userId: profile.user.id,
            })
          ).selectProfile.stage,
        ).toBe(SessionStage.SECOND_FACTOR);
      }
      // the login's own activity says so; no tenant's log does
      const [event] = await eventsOf('auth.password_changed', person.user.identityId);
      expect(event!.details).toEqual({ rememberedBrowsersForgotten: 3 });
      expect(event!.accountId).toBeNull();
    });

    it('forgets every profile’s on a password reset', async () => {
      const { person, browser } = await rememberedPerson();
      const token = await server.services.linkTokens.issue(
        LinkPurpose.PASSWORD_RESET,
        person.user.identityId,
        null,
        linkLifetimes.PASSWORD_RESET,
      );
      const reset = await new Browser(server.url).ok<{ resetPassword: boolean }>(
        `mutation ($t: String!) { resetPassword(token: $t, password: "another new password") }`,
        { t: token },
      );
      expect(reset.resetPassword).toBe(true);
      expect(await devicesOf(person.user.id)).toEqual([]);
      expect(
        await signInAgain(browser, { email: person.email, password: 'another new password' }),
      ).toBe(SessionStage.SECOND_FACTOR);
    });
  });

  describe('a phishing-resistant-only type', () => {
    it('remembers a browser after a passkey, never after a backup code', async () => {
      const acme = await account();
      await server.dataSource.getRepository(SecurityPolicy).update(
        { accountId: acme.account.id, userType: UserType.APP_REVIEWER },
        {
          enforcement: Enforcement.OPTIONAL,
          allowedMethods: [TwoFactorMethod.PASSKEY],
          phishingResistantOnly: true,
        },
      );
      const person = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const browser = new Browser(server.url);
      expect((await browser.signIn(person)).stage).toBe(SessionStage.ACTIVE);
      const authenticator = new SoftAuthenticator();
      const { beginPasskeyRegistration } = await browser.ok<{ beginPasskeyRegistration: string }>(
        'mutation { beginPasskeyRegistration }',
      );
      const made = authenticator.register(beginPasskeyRegistration, PUBLIC_URL);
      const { finishPasskeyRegistration } = await browser.ok<{
        finishPasskeyRegistration: { backupCodes: string[] };
      }>(
        `mutation ($response: String!) {
          finishPasskeyRegistration(name: "Laptop", response: $response) { backupCodes }
        }`,
        { response: made.json },
      );
      const [backupCode] = finishPasskeyRegistration.backupCodes;

      // a phished backup code buys no remembered days
      expect(await signInAgain(browser, person)).toBe(SessionStage.SECOND_FACTOR);
      expect((await browser.session())?.rememberBrowserDays).toBe(DAYS);
      expect(await browser.verify(backupCode!, true, 'BACKUP_CODE')).toBe(SessionStage.ACTIVE);
      expect(browser.deviceCookies().size).toBe(0);
      expect(await devicesOf(person.user.id)).toHaveLength(0);
      expect(await signInAgain(browser, person)).toBe(SessionStage.SECOND_FACTOR);

      // a passkey's answer does
      const { beginPasskeyAuthentication } = await browser.ok<{
        beginPasskeyAuthentication: string;
      }>('mutation { beginPasskeyAuthentication }');
      const assertion = authenticator.assert(beginPasskeyAuthentication, PUBLIC_URL);
      expect(await browser.verify(assertion.json, true, 'PASSKEY')).toBe(SessionStage.ACTIVE);
      expect(browser.deviceCookies().size).toBe(1);
      expect(await signInAgain(browser, person)).toBe(SessionStage.ACTIVE);
    });
  });

  describe('a tighter policy', () => {
    async function setUp() {
      const acme = await account();
      const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      const reviewer = await withPin(acme);
      const browser = await remembered(reviewer);
      // another type of the account, and the same type in another account, keep theirs
      const viewer = await withPin(acme, { userType: UserType.APP_REPORT_VIEWER });
      await remembered(viewer);
      const other = await account();
      const outsider = await withPin(other);
      await remembered(outsider);
      return { acme, owner, reviewer, browser, viewer, outsider };
    }

    const base = {
      userType: UserType.APP_REVIEWER,
      enforcement: Enforcement.OPTIONAL,
      // what the account's types allow from the start (no SMS country)
      allowedMethods: Object.values(TwoFactorMethod).filter((m) => m !== TwoFactorMethod.SMS),
      gracePeriodDays: 0,
    };

    it.each<[string, Record<string, unknown>]>([
      ['enforcement raised', { enforcement: Enforcement.REQUIRED }],
      ['a method no longer allowed', { allowedMethods: [TwoFactorMethod.PIN] }],
      ['fewer days', { rememberDeviceDays: DAYS - 1 }],
      ['remembering turned off', { rememberDeviceDays: 0 }],
      ['phishing-resistant only turned on', { phishingResistantOnly: true }],
    ])('forgets the type’s browsers when %s', async (_name, change) => {
      const { acme, owner, reviewer, browser, viewer, outsider } = await setUp();
      // first a change that asks nothing more: nothing is forgotten
      await owner.ok(UPDATE_POLICY, {
        input: { ...base, gracePeriodDays: 3, rememberDeviceDays: DAYS + 1 },
      });
      expect(await devicesOf(reviewer.user.id)).toHaveLength(1);

      await owner.ok(UPDATE_POLICY, { input: { ...base, ...change } });
      expect(await devicesOf(reviewer.user.id)).toEqual([]);
      expect(await devicesOf(viewer.user.id)).toHaveLength(1);
      expect(await devicesOf(outsider.user.id)).toHaveLength(1);
      const events = await server.dataSource
        .getRepository(AuditEvent)
        .find({ where: { action: 'policy.updated', accountId: acme.account.id } });
      expect(events.map((e) => e.details?.rememberedBrowsersForgotten)).toContain(1);
      await browser.signOut();
      const { stage } = await browser.signIn(reviewer);
      expect(stage).not.toBe(SessionStage.ACTIVE);
    });
  });

  describe('listing and forgetting, by the user and by administrators', () => {
    let acme: AccountFixture;
    let owner: ApiClient;
    let ann: Awaited<ReturnType<typeof withPin>>;
    let annBrowser: Browser;

    beforeAll(async () => {
      acme = await account();
      owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      ann = await withPin(acme);
      annBrowser = await remembered(ann);
      await remembered(ann);
    });

    it('lets owners and administrators read a user’s, never across accounts', async () => {
      const { user } = await owner.ok<{ user: { rememberedBrowsers: { current: boolean }[] } }>(
        OF_USER,
        { id: ann.user.id },
      );
      expect(user.rememberedBrowsers).toHaveLength(2);
      expect(user.rememberedBrowsers.every((b) => !b.current)).toBe(true);

      const other = await account();
      const stranger = await signedIn(server.url, other.ownerEmail, other.password);
      const result = await stranger.request(OF_USER, { id: ann.user.id });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
      const forget = await stranger.request(FORGET_USER, { userId: ann.user.id });
      expect(codesOf(forget)).toEqual(['NOT_FOUND']);
      expect(await devicesOf(ann.user.id)).toHaveLength(2);
    });

    it('refuses an administrator on an owner and anyone on their own login', async () => {
      const admin = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
      });
      const adminClient = await signedIn(server.url, admin.email, admin.password);
      const onOwner = await adminClient.request(OF_USER, { id: acme.owner.id });
      expect(reasonsOf(onOwner)).toEqual(['OWNER']);
      expect(reasonsOf(await adminClient.request(FORGET_USER, { userId: acme.owner.id }))).toEqual([
        'OWNER',
      ]);

      // the owner's second profile in the account is the owner's own login
      const ownProfile = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        email: acme.ownerEmail,
      });
      const ownerAgain = await signedIn(server.url, acme.ownerEmail, acme.password);
      await ownerAgain.ok(SELECT, { userId: acme.owner.id });
      expect(reasonsOf(await ownerAgain.request(OF_USER, { id: ownProfile.user.id }))).toEqual([
        'SELF',
      ]);
      expect(
        reasonsOf(await ownerAgain.request(FORGET_USER, { userId: ownProfile.user.id })),
      ).toEqual(['SELF']);

      // a user without the permission
      const reviewer = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const plain = await signedIn(server.url, reviewer.email, reviewer.password);
      expect(codesOf(await plain.request(FORGET_USER, { userId: ann.user.id }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await devicesOf(ann.user.id)).toHaveLength(2);
    });

    it('lets the user forget one; another’s id is NOT_FOUND', async () => {
      const bob = await withPin(acme);
      const bobBrowser = await remembered(bob);
      const [bobDevice] = await devicesOf(bob.user.id);
      const fromAnn = await annBrowser.graphql(FORGET, { id: bobDevice!.id });
      expect(codesOf(fromAnn)).toEqual(['NOT_FOUND']);
      expect(codesOf(await annBrowser.graphql(FORGET, { id: 'not-an-id' }))).toEqual(['NOT_FOUND']);
      expect(await devicesOf(bob.user.id)).toHaveLength(1);

      const { viewer } = await annBrowser.ok<{
        viewer: { rememberedBrowsers: { id: string; current: boolean }[] };
      }>(MINE);
      const current = viewer.rememberedBrowsers.find((b) => b.current)!;
      expect(await annBrowser.ok(FORGET, { id: current.id })).toEqual({
        forgetRememberedBrowser: true,
      });
      expect(codesOf(await annBrowser.graphql(FORGET, { id: current.id }))).toEqual(['NOT_FOUND']);
      expect(await signInAgain(annBrowser, ann)).toBe(SessionStage.SECOND_FACTOR);
      const [event] = await eventsOf('two_factor.remembered_browsers_forgotten', ann.user.id);
      expect(event!.details).toMatchObject({ count: 1, rememberedBrowserId: current.id });

      // Bob forgets all of his
      expect(await bobBrowser.ok(FORGET_ALL)).toEqual({ forgetRememberedBrowsers: 1 });
      expect(await devicesOf(bob.user.id)).toEqual([]);
    });

    it('lets an administrator forget all of a user’s', async () => {
      await annBrowser.verify(PIN, true);
      const count = (await devicesOf(ann.user.id)).length;
      expect(count).toBeGreaterThan(0);
      expect(await owner.ok(FORGET_USER, { userId: ann.user.id })).toEqual({
        forgetUserRememberedBrowsers: count,
      });
      expect(await devicesOf(ann.user.id)).toEqual([]);
      expect(await owner.ok(FORGET_USER, { userId: ann.user.id })).toEqual({
        forgetUserRememberedBrowsers: 0,
      });
      const events = await eventsOf('two_factor.remembered_browsers_forgotten', ann.user.id);
      expect(events.at(-1)).toMatchObject({ actorUserId: acme.owner.id, details: { count } });
      expect(await signInAgain(annBrowser, ann)).toBe(SessionStage.SECOND_FACTOR);
    });
  });

  describe('at once', () => {
    it('mints at most one device for verifications of one session released together', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const browser = new Browser(server.url);
      await browser.signIn(ann);
      const answers = await releaseTogether(
        server.url,
        // a PIN's check is slow (argon2id): each request reads the session before any is done
        [1, 2, 3, 4].map(() => ({
          query: VERIFY,
          variables: { kind: 'PIN', code: PIN, remember: true },
          headers: { cookie: browser.cookieHeader() },
        })),
      );
      const verified = answers.filter((a) => !a.errors);
      expect(verified.length).toBeGreaterThanOrEqual(1);
      expect(await devicesOf(ann.user.id)).toHaveLength(1);
      expect(await eventsOf('two_factor.browser_remembered', ann.user.id)).toHaveLength(1);
    });

    it('mints one for aliases of one document', async () => {
      const acme = await account();
      const ann = await withPin(acme);
      const browser = new Browser(server.url);
      await browser.signIn(ann);
      const result = await browser.graphql(
        `mutation ($a: String!, $b: String!) {
          a: verifySecondFactor(kind: BACKUP_CODE, code: $a, rememberBrowser: true) { stage }
          b: verifySecondFactor(kind: BACKUP_CODE, code: $b, rememberBrowser: true) { stage }
        }`,
        { a: ann.backupCodes[0], b: ann.backupCodes[1] },
      );
      expect(result.data).toMatchObject({ a: { stage: SessionStage.ACTIVE } });
      expect(await devicesOf(ann.user.id)).toHaveLength(1);
      expect(browser.deviceCookies().size).toBe(1);
    });
  });

  describe('through an identity provider', () => {
    const secret = 'oidc-client-secret-5d1c2e9b77a4';
    let provider: Awaited<ReturnType<typeof startOidcProvider>>;
    let acme: AccountFixture;
    let owner: ApiClient;
    let providerId: string;

    beforeAll(async () => {
      provider = await startOidcProvider({
        clients: [
          {
            client_id: 'twofold',
            client_secret: secret,
            redirect_uris: [`${PUBLIC_URL}/oidc/callback`],
          },
        ],
      });
      acme = await account();
      owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      const created = await owner.ok<{ createIdentityProvider: { id: string } }>(
        `mutation ($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
        {
          input: {
            displayName: 'Acme ID',
            issuerUrl: provider.issuer,
            clientId: 'twofold',
            clientSecret: secret,
          },
        },
      );
      providerId = created.createIdentityProvider.id;
    });
    afterAll(async () => {
      await provider?.close();
    });

    async function setRule(rule: ProviderTwoFactorPolicy) {
      await owner.ok(
        `mutation ($id: ID!, $input: UpdateIdentityProviderInput!) {
          updateIdentityProvider(id: $id, input: $input) { id }
        }`,
        // the members' type is not ticked: EXEMPT waives nothing for them, so they reach
        // Twofold's second factor
        {
          id: providerId,
          input: { twoFactorPolicy: rule, trustedAcrValues: [], waiverUserTypes: [] },
        },
      );
    }

    async function throughProvider(browser: Browser, person: UserFixture): Promise<Stage | null> {
      const login = `person-${person.user.id}`;
      await provider.setAccount({
        login,
        sub: `sub-${person.user.id}`,
        email: person.email,
        email_verified: true,
        name: login,
      });
      const authorizationUrl = await browser.startOpenId(providerId);
      const { pathname, search } = new URL(await provider.signIn(authorizationUrl, login));
      await browser.get(`${pathname}${search}`);
      return (
        await browser.ok<{ session: Stage | null }>(`{ session { stage rememberBrowserDays } }`)
      ).session;
    }

    it('uses a remembered browser where Twofold’s factor applies, never under EXEMPT', async () => {
      const ann = await withPin(acme);
      const browser = await remembered(ann);
      await browser.signOut();

      await setRule(ProviderTwoFactorPolicy.EXEMPT);
      expect(await throughProvider(browser, ann)).toEqual({
        stage: SessionStage.SECOND_FACTOR,
        rememberBrowserDays: 0,
      });
      // nor does such a session remember a browser
      expect(await browser.verify(PIN, true)).toBe(SessionStage.ACTIVE);
      expect(await devicesOf(ann.user.id)).toHaveLength(1);
      expect(await eventsOf('two_factor.browser_remembered', ann.user.id)).toHaveLength(1);
      await browser.signOut();

      await setRule(ProviderTwoFactorPolicy.REQUIRE_TWOFOLD);
      expect(await throughProvider(browser, ann)).toMatchObject({ stage: SessionStage.ACTIVE });
      // still no login assurance: a provider's session never has it
      expect((await browser.session())?.loginAssured).toBe(false);
    });
  });
});
