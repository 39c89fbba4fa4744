import { createHash } from 'node:crypto';
import { signInSchema, toFieldErrors, type TokenTransport } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../crypto/password';
import type { RawRow } from '../../db/raw-columns';
import { BadInputError, TooManyAttemptsError, UnauthenticatedError } from '../../errors';
import { type MetricsSink, noMetrics } from '../../metrics/sink';
import type { AuditService } from '../audit/audit.service';
import type { Identity } from '../identity/identity.entity';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import type { Caller, CallerChange, RequestMeta } from './caller';
import { type LoginWithProfiles, loginStatement, readLogin } from './login-statement';
import type { SessionService } from './session.service';
import type { SessionDescription } from './session-view.service';

/** Failed password attempts: per email (known or not, so nothing leaks) and per client IP. */
export const passwordRules: { email: RateRule; ip: RateRule } = {
  email: { limit: 10, windowSeconds: 15 * 60 },
  ip: { limit: 100, windowSeconds: 15 * 60 },
};

/** The rate-limit bucket of password attempts for one email (hashed: no email in clear). */
export function emailBucket(email: string): string {
  return `pw:email:${createHash('sha256').update(email).digest('hex')}`;
}

/** Sign-in with an email and a password: its limits, the login it reads, the session it opens. */
export class PasswordSignInService {
  private readonly metrics: MetricsSink;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      rateLimits: RateLimitService;
      sessions: SessionService;
      /** Counts sign-ins by outcome; none by default (the CLI). */
      metrics?: MetricsSink;
    },
  ) {
    this.metrics = deps.metrics ?? noMetrics;
  }

  /**
   * Checks the password and opens a session; one active profile is selected at once. A session
   * the request already had (`previous`) ends once the new one is open.
   */
  async signIn(
    input: { email: string; password: string; transport: TokenTransport },
    meta: RequestMeta,
    previous: Caller | null = null,
    now = new Date(),
  ): Promise<CallerChange<{ token: string; session: SessionDescription }>> {
    let result: CallerChange<{ token: string; session: SessionDescription }>;
    try {
      result = await this.checkPasswordAndOpen(input, meta, previous, now);
    } catch (error) {
      // wrong credentials were counted with their reason where they were told apart
      if (!(error instanceof UnauthenticatedError)) {
        this.metrics.signIn(
          error instanceof BadInputError
            ? 'invalid_input'
            : error instanceof TooManyAttemptsError
              ? 'rate_limited'
              : 'error',
        );
      }
      throw error;
    }
    this.metrics.signIn('success');
    return result;
  }
  private async checkPasswordAndOpen(
    input: { email: string; password: string; transport: TokenTransport },
    meta: RequestMeta,
    previous: Caller | null,
    now: Date,
  ): Promise<CallerChange<{ token: string; session: SessionDescription }>> {
    const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    const { email, password } = parsed.data;

    const buckets = [
      { bucket: emailBucket(email), rule: passwordRules.email },
      ...(meta.ip ? [{ bucket: `pw:ip:${meta.ip}`, rule: passwordRules.ip }] : []),
    ];
    // counted before the password is checked: parallel guesses cannot all be checked
    const reservation = await this.deps.rateLimits.reserve(buckets, now);
    const found = await this.loginWithProfiles(email, now);
    const passwordOk = await verifyPassword(found?.login.passwordHash ?? null, password);
    // read with the login, used only once the password is right
    const profiles = found && passwordOk ? found.profiles : [];
    if (!found || !passwordOk || profiles.length === 0) {
      this.metrics.signIn(
        !found ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'no_active_profile',
      );
      await this.recordFailure(found?.login ?? null, meta);
      throw new UnauthenticatedError('Wrong email or password');
    }
    // right: the login's failures start over, and this attempt counts nowhere
    await this.deps.rateLimits.settle(reservation, [emailBucket(email)], now);
    const { login: identity, twoFactor } = found;

    return this.deps.sessions.openSession(
      { identity, profiles, transport: input.transport, provider: null },
      meta,
      previous,
      now,
      (profile) => twoFactor.get(profile.id),
    );
  }
  /**
   * The login of `email` with its active profiles (accounts loaded) and each profile's policy and
   * 2FA state, in one statement.
   */
  private async loginWithProfiles(email: string, now: Date): Promise<LoginWithProfiles | null> {
    const rows = await loginStatement(this.deps.dataSource, email, now).getRawMany<RawRow>();
    return readLogin(this.deps.dataSource, rows);
  }
  /**
   * A failed sign-in belongs to the login's own security activity (or to no one for an unknown
   * email), never to the audit log of an account the login has a profile in (docs/design.md, Permissions).
   */
  private async recordFailure(identity: Identity | null, meta: RequestMeta): Promise<void> {
    await this.deps.audit.record({
      accountId: null,
      actorIdentityId: identity?.id ?? null,
      action: 'auth.sign_in_failed',
      ip: meta.ip,
      ...(identity
        ? { targetType: 'Identity', targetId: identity.id }
        : { details: { reason: 'unknown_email' } }),
    });
  }
}
