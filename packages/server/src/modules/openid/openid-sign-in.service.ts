import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { emailSchema, OpenIdFailure, TokenTransport } from '@twofold/shared';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { hashToken } from '../../crypto/tokens';
import { isUniqueViolation } from '../../db/unique-violation';
import { ForbiddenError } from '../../errors';
import { type MetricsSink, noMetrics } from '../../metrics/sink';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { SessionDescription, SessionViewService } from '../auth/session-view.service';
import {
  type Caller,
  type CallerChange,
  type Profile,
  type RequestMeta,
  requireProfile,
} from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Identity } from '../identity/identity.entity';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import { IdentityProvider } from './identity-provider.entity';
import type { IdentityProviderService } from './identity-provider.service';
import { IdentitySubject, subjectHashOf } from './identity-subject.entity';
import { OpenIdAttempt, OpenIdPurpose } from './openid-attempt.entity';
import { OpenIdError, type ProviderClient, type VerifiedIdToken } from './provider-client';
import {
  authenticationIsFresh,
  authenticationOf,
  authorizationRequestOf,
  emailDomainAllowed,
  providerShowsSecondFactor,
  storedAuthentication,
} from './provider-policy';

/** An attempt must come back from the provider within this time. */
export const ATTEMPT_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Sign-ins started, and answers brought back, per client IP: each start writes a row, each answer
 * may cost a call to the provider and an audit row. A completed sign-in gives both back, so an
 * office behind one address is limited only by its failures.
 */
export const startRule: RateRule = { limit: 100, windowSeconds: 15 * 60 };
export const callbackRule: RateRule = { limit: 100, windowSeconds: 15 * 60 };

const startBucket = (ip: string) => `oidc:start:${ip}`;
const callbackBucket = (ip: string) => `oidc:callback:${ip}`;

/** How an answer from the provider ended. */
export type OpenIdOutcome =
  | {
      kind: 'signed_in';
      change: CallerChange<{ token: string; session: SessionDescription }>;
    }
  | {
      kind: 'tested';
      providerId: string;
      emailVerified: boolean;
      secondFactorShown: boolean;
    }
  | { kind: 'failed'; failure: OpenIdFailure; purpose: OpenIdPurpose; providerId: string | null };

/**
 * The nonce and PKCE verifier of the attempt of `state`: derived, never stored, so a database dump
 * holds nothing that could redeem a code or pass for an attempt's ID token.
 */
export function attemptSecrets(
  key: Buffer,
  state: string,
): { nonce: string; codeVerifier: string } {
  const derive = (purpose: string) =>
    createHmac('sha256', key).update(`${purpose}\0${state}`).digest('base64url');
  // 43 base64url characters: within PKCE's 43–128 unreserved characters (RFC 7636 §4.1)
  return { nonce: derive('nonce'), codeVerifier: derive('pkce') };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Sign-in with an account's OpenID provider (authorization code flow with PKCE, state and nonce):
 * `start` records the attempt and gives the provider's URL, `finish` takes the provider's answer
 * once, checks the ID token and opens a session exactly as a right password does — profile
 * selection and the second-factor stages follow, unless the provider's rule waives them.
 */
export class OpenIdSignInService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      sessions: SessionService;
      sessionView: SessionViewService;
      rateLimits: RateLimitService;
      providers: IdentityProviderService;
      client: ProviderClient;
      logger: Logger;
      /** Where the provider sends the browser back: `<PUBLIC_URL>/oidc/callback`. */
      redirectUri: string;
      /** Derives each attempt's nonce and PKCE verifier from its state (attemptSecrets). */
      attemptKey: Buffer;
      metrics?: MetricsSink;
    },
  ) {}

  /** Where the provider sends the browser back (registered at the provider). */
  get redirectUri(): string {
    return this.deps.redirectUri;
  }

  private get metrics(): MetricsSink {
    return this.deps.metrics ?? noMetrics;
  }

  /**
   * Starts a sign-in (anyone) or an owner's test of the provider: the URL to send the browser to,
   * and the `state` the browser keeps in a cookie until it comes back.
   */
  async start(
    input: { providerId: string; purpose: OpenIdPurpose; caller?: Caller | null },
    meta: RequestMeta,
    now = new Date(),
  ): Promise<{ authorizationUrl: string; state: string }> {
    if (meta.ip) {
      await this.deps.rateLimits.reserve([{ bucket: startBucket(meta.ip), rule: startRule }], now);
    }
    const repository = this.deps.dataSource.getRepository(IdentityProvider);
    let provider: IdentityProvider;
    if (input.purpose === OpenIdPurpose.TEST) {
      const user = requireProfile(input.caller ?? { user: null });
      if (!hasPermission(user, Permission.IDENTITY_PROVIDERS_WRITE)) throw new ForbiddenError();
      provider = await this.deps.providers.find(repository, user.accountId, input.providerId);
    } else {
      const found =
        input.providerId.length <= 36 ? await repository.findOneBy({ id: input.providerId }) : null;
      if (!found) throw new OpenIdError(OpenIdFailure.INVALID_STATE, 'unknown_provider');
      provider = found;
    }
    const state = oidc.randomState();
    const { nonce, codeVerifier } = attemptSecrets(this.deps.attemptKey, state);
    let authorizationUrl: URL;
    try {
      authorizationUrl = await this.deps.client.authorizationUrl(
        this.deps.providers.connectionOf(provider),
        {
          redirectUri: this.deps.redirectUri,
          state,
          nonce,
          codeVerifier,
          extra: authorizationRequestOf(provider),
        },
      );
    } catch (error) {
      if (!(error instanceof OpenIdError)) throw error;
      await this.failed(provider, input.purpose, error.failure, error.detail, meta);
      throw error;
    }
    await this.deps.dataSource
      .createQueryBuilder()
      .insert()
      .into(OpenIdAttempt)
      .values({
        id: randomUUID(),
        stateHash: hashToken(state),
        identityProviderId: provider.id,
        purpose: input.purpose,
        startedByUserId: input.purpose === OpenIdPurpose.TEST ? input.caller!.user!.id : null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ATTEMPT_LIFETIME_MS),
      })
      .updateEntity(false)
      .execute();
    return { authorizationUrl: authorizationUrl.href, state };
  }

  /**
   * The provider's answer at the callback: `query` as the browser brought it, `cookieState` the
   * state this browser was given at `start`. Every failure is audited and ends in a reason.
   */
  async finish(
    input: { query: URLSearchParams; cookieState: string | undefined; previous: Caller | null },
    meta: RequestMeta,
    now = new Date(),
  ): Promise<OpenIdOutcome> {
    if (meta.ip) {
      await this.deps.rateLimits.reserve(
        [{ bucket: callbackBucket(meta.ip), rule: callbackRule }],
        now,
      );
    }
    const outcome = await this.answer(input, meta, now);
    if (outcome.kind !== 'failed' && meta.ip) {
      await this.deps.rateLimits.giveBack({
        buckets: [startBucket(meta.ip), callbackBucket(meta.ip)],
      });
    }
    return outcome;
  }

  private async answer(
    input: { query: URLSearchParams; cookieState: string | undefined; previous: Caller | null },
    meta: RequestMeta,
    now: Date,
  ): Promise<OpenIdOutcome> {
    const state = input.query.get('state');
    // the answer must come back to the browser that asked (login CSRF), once, in time
    if (!state || !input.cookieState || !sameText(state, input.cookieState)) {
      return this.failed(
        null,
        OpenIdPurpose.SIGN_IN,
        OpenIdFailure.INVALID_STATE,
        'state_mismatch',
        meta,
      );
    }
    const attempt = await this.take(state);
    if (!attempt || attempt.expiresAt.getTime() <= now.getTime()) {
      return this.failed(
        attempt?.identityProvider ?? null,
        attempt?.purpose ?? OpenIdPurpose.SIGN_IN,
        OpenIdFailure.INVALID_STATE,
        attempt ? 'expired' : 'unknown_or_used',
        meta,
      );
    }
    const provider = attempt.identityProvider!;
    let token: VerifiedIdToken;
    try {
      const callbackUrl = new URL(this.deps.redirectUri);
      callbackUrl.search = input.query.toString();
      token = await this.deps.client.redeem(
        this.deps.providers.connectionOf(provider),
        callbackUrl,
        { state, ...attemptSecrets(this.deps.attemptKey, state) },
      );
    } catch (error) {
      // redeem answers every failure as an OpenIdError; anything else is ours, and propagates
      if (!(error instanceof OpenIdError)) throw error;
      return this.failed(provider, attempt.purpose, error.failure, error.detail, meta);
    }
    // judged in the form a session keeps it, so a test says what a sign-in will get
    const kept = storedAuthentication({ amr: token.amr, acr: token.acr, authAt: token.authAt });
    const authentication = authenticationOf({ ...kept, createdAt: now });
    if (attempt.purpose === OpenIdPurpose.TEST) {
      // what a profile of a ticked type would get: a second factor shown, in time
      const secondFactorShown =
        providerShowsSecondFactor(provider, authentication) &&
        authenticationIsFresh(provider, authentication);
      await this.deps.audit.record({
        accountId: provider.accountId,
        actorUserId: attempt.startedByUserId,
        action: 'identity_provider.tested',
        targetType: 'IdentityProvider',
        targetId: provider.id,
        ip: meta.ip,
        details: { outcome: 'ok', emailVerified: token.emailVerified, secondFactorShown },
      });
      return {
        kind: 'tested',
        providerId: provider.id,
        emailVerified: token.emailVerified,
        secondFactorShown,
      };
    }
    try {
      const { identity, profiles } = await this.loginOf(provider, token, meta, now);
      // a browser signed in as someone else keeps its session: an answer arriving there (a
      // sign-in another site started, or a shared computer) never silently replaces it
      if (input.previous && input.previous.identity.id !== identity.id) {
        throw new OpenIdError(OpenIdFailure.SIGNED_IN_AS_ANOTHER_LOGIN, 'another_login');
      }
      const change = await this.deps.sessions.openSession(
        {
          identity,
          profiles,
          transport: TokenTransport.COOKIE,
          provider: {
            provider,
            authentication: { amr: token.amr, acr: token.acr, authAt: token.authAt },
          },
        },
        meta,
        input.previous,
        now,
      );
      this.metrics.signIn('openid_success');
      return { kind: 'signed_in', change };
    } catch (error) {
      if (!(error instanceof OpenIdError)) throw error;
      return this.failed(provider, attempt.purpose, error.failure, error.detail, meta);
    }
  }

  /** The attempt of `state`, taken once: of two answers carrying it, one finds it. */
  private async take(state: string): Promise<OpenIdAttempt | null> {
    const attempt = await this.deps.dataSource.getRepository(OpenIdAttempt).findOne({
      where: { stateHash: hashToken(state) },
      relations: { identityProvider: true },
    });
    if (!attempt) return null;
    const deleted = await this.deps.dataSource
      .createQueryBuilder()
      .delete()
      .from(OpenIdAttempt)
      .where('id = :id', { id: attempt.id })
      .execute();
    return (deleted.affected ?? 0) === 1 ? attempt : null;
  }

  /**
   * The login behind the ID token, with its active profiles in the provider's account: by its
   * subject when linked, else — once — by a verified email of a login with such a profile. Nobody
   * is created; a login without such a profile is refused.
   */
  private async loginOf(
    provider: IdentityProvider,
    token: VerifiedIdToken,
    meta: RequestMeta,
    now: Date,
  ): Promise<{ identity: Identity; profiles: Profile[] }> {
    const profilesOf = async (identity: Identity) => {
      const profiles = await this.deps.sessionView.activeProfiles(identity.id, provider.accountId);
      // one detail for both: whether the email has a login elsewhere is not this account's
      if (profiles.length === 0) throw new OpenIdError(OpenIdFailure.UNKNOWN_USER, 'unknown_user');
      return { identity, profiles };
    };
    const subjects = this.deps.dataSource.getRepository(IdentitySubject);
    const subjectHash = subjectHashOf(provider.issuerUrl, token.subject);
    const linked = await subjects.findOne({
      where: { identityProviderId: provider.id, subjectHash },
      relations: { identity: true },
    });
    if (linked) {
      const identity = linked.identity!;
      // a narrowed domain list applies to logins linked before (by the login's own email: the
      // token's may be unverified by now)
      if (!emailDomainAllowed(provider.allowedEmailDomains, identity.email)) {
        throw new OpenIdError(OpenIdFailure.EMAIL_DOMAIN_NOT_ALLOWED, 'domain');
      }
      await subjects.update({ id: linked.id }, { lastSignInAt: now });
      return profilesOf(identity);
    }
    if (token.email === null || !token.emailVerified) {
      throw new OpenIdError(
        OpenIdFailure.EMAIL_NOT_VERIFIED,
        token.email === null ? 'no_email' : 'unverified',
      );
    }
    const email = emailSchema.safeParse(token.email);
    if (!email.success) throw new OpenIdError(OpenIdFailure.EMAIL_NOT_VERIFIED, 'malformed_email');
    if (!emailDomainAllowed(provider.allowedEmailDomains, email.data)) {
      throw new OpenIdError(OpenIdFailure.EMAIL_DOMAIN_NOT_ALLOWED, 'domain');
    }
    const identity = await this.deps.dataSource
      .getRepository(Identity)
      .findOneBy({ email: email.data });
    if (!identity) throw new OpenIdError(OpenIdFailure.UNKNOWN_USER, 'unknown_user');
    const login = await profilesOf(identity);
    try {
      // the link and its audit event are written together
      await this.deps.dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(IdentitySubject)
          .values({
            id: randomUUID(),
            identityProviderId: provider.id,
            subjectHash,
            identityId: identity.id,
            createdAt: now,
            lastSignInAt: now,
          })
          .updateEntity(false)
          .execute();
        await this.deps.audit.record(
          {
            accountId: provider.accountId,
            actorIdentityId: identity.id,
            action: 'auth.openid_linked',
            targetType: 'IdentityProvider',
            targetId: provider.id,
            ip: meta.ip,
            details: { provider: provider.displayName },
          },
          manager,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // a concurrent first sign-in of the same subject linked it already: fine if to this login
      const winner = await subjects.findOneBy({ identityProviderId: provider.id, subjectHash });
      if (winner?.identityId === identity.id) return login;
      throw new OpenIdError(
        OpenIdFailure.UNKNOWN_USER,
        winner ? 'subject_linked_to_another_login' : 'login_linked_to_another_subject',
      );
    }
    return login;
  }

  /**
   * Audits a failed answer — in the provider's account, naming no email or subject — and says
   * why it failed.
   */
  private async failed(
    provider: IdentityProvider | null,
    purpose: OpenIdPurpose,
    failure: OpenIdFailure,
    detail: string,
    meta: RequestMeta,
  ): Promise<OpenIdOutcome> {
    this.deps.logger.info({ failure, detail, purpose }, 'OpenID sign-in refused');
    if (purpose === OpenIdPurpose.SIGN_IN) this.metrics.signIn('openid_refused');
    await this.deps.audit.record({
      accountId: provider?.accountId ?? null,
      action: purpose === OpenIdPurpose.TEST ? 'identity_provider.tested' : 'auth.openid_failed',
      targetType: provider ? 'IdentityProvider' : null,
      targetId: provider?.id ?? null,
      ip: meta.ip,
      details: {
        reason: failure,
        detail,
        ...(provider ? { provider: provider.displayName } : {}),
        ...(purpose === OpenIdPurpose.TEST ? { outcome: 'failed' } : {}),
      },
    });
    return { kind: 'failed', failure, purpose, providerId: provider?.id ?? null };
  }
}
