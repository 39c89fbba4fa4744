import { isLoopbackUrl } from '@twofold/shared';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Services } from '../services';
import type { MetricsSink } from '../metrics/sink';
import { deriveSecrets, resolveSecretKey } from '../crypto/keys';
import { AccountService } from '../modules/account/account.service';
import { PurgeService } from '../modules/housekeeping/purge.service';
import { AppService } from '../modules/app/app.service';
import { AuditQueryService } from '../modules/audit/audit-query.service';
import { ExportService } from '../modules/export/export.service';
import { AuditService } from '../modules/audit/audit.service';
import { OverviewService } from '../modules/overview/overview.service';
import { PolicyService } from '../modules/policy/policy.service';
import { ProfileService } from '../modules/profile/profile.service';
import { LoginAssuranceService } from '../modules/auth/login-assurance.service';
import { CallerService } from '../modules/auth/caller.service';
import { PasswordSignInService } from '../modules/auth/password-sign-in.service';
import { SessionService } from '../modules/auth/session.service';
import { SessionViewService } from '../modules/auth/session-view.service';
import { RateLimitService } from '../modules/rate-limit/rate-limit.service';
import { UserService } from '../modules/user/user.service';
import { UserDetailService } from '../modules/user/user-detail.service';
import { DemoService } from '../modules/demo/demo.service';
import { LinkTokenService } from '../modules/link-token/link-token.service';
import { MailService } from '../modules/mail/mail.service';
import { PasswordResetService } from '../modules/password-reset/password-reset.service';
import { InvitationService } from '../modules/user/invitation.service';
import { InvitationAdminService } from '../modules/user/invitation-admin.service';
import { LockoutService } from '../modules/two-factor/lockout.service';
import { TwoFactorService } from '../modules/two-factor/two-factor.service';
import { CodeCheckService } from '../modules/two-factor/code-check.service';
import { BackupCodeService } from '../modules/two-factor/backup-codes/backup-codes.service';
import { AuthenticatorEnrollmentService } from '../modules/two-factor/authenticator/authenticator-enrollment.service';
import { EnrollmentCompletion } from '../modules/two-factor/enrollment';
import { PinService } from '../modules/two-factor/pin/pin.service';
import { PasskeyService } from '../modules/two-factor/passkey/passkey.service';
import { PasskeyAssertionService } from '../modules/two-factor/passkey/passkey-assertion.service';
import { WebAuthnChallengeService } from '../modules/two-factor/passkey/webauthn-challenges';
import { SmsSender } from '../modules/two-factor/sms/sms-sender';
import { SmsService } from '../modules/two-factor/sms/sms.service';
import { AdminTwoFactorService } from '../modules/two-factor/admin-two-factor.service';
import { IdentityProviderService } from '../modules/openid/identity-provider.service';
import { OpenIdSignInService } from '../modules/openid/openid-sign-in.service';
import { ProviderClient } from '../modules/openid/provider-client';
import { AccountDomainService } from '../modules/account-domain/account-domain.service';
import { RememberedDeviceService } from '../modules/remembered-device/remembered-device.service';
import { DnsTxtLookup } from '../modules/account-domain/txt-lookup';
import { parseNetworks } from '../modules/openid/network-address';
import { providerFetch, type ProviderNetworkOptions } from '../modules/openid/provider-fetch';

/** Where OpenID providers send the browser back (register it at the provider). */
export function openIdRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/oidc/callback`;
}

export function createServices(deps: {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  /** Counts sign-ins, codes, lockouts, SMS, mail and purges; none in the CLI. */
  metrics?: MetricsSink;
  /** Tests only: how OpenID providers' host names resolve, and their certificates' authority. */
  providerNetwork?: Pick<ProviderNetworkOptions, 'lookup' | 'ca'>;
}): Services {
  const secrets = deriveSecrets(resolveSecretKey(deps.config));
  const audit = new AuditService(deps);
  const rateLimits = new RateLimitService(deps);
  const lifetimes = deps.config.sessionLifetimes;
  const callers = new CallerService({ ...deps, lifetimes });
  const rememberedDevices = new RememberedDeviceService({ ...deps, audit, secrets });
  const sessionView = new SessionViewService(deps);
  const sessions = new SessionService({
    ...deps,
    audit,
    callers,
    view: sessionView,
    rememberedDevices,
    lifetimes,
  });
  const passwordSignIn = new PasswordSignInService({ ...deps, audit, rateLimits, sessions });
  const loginAssurance = new LoginAssuranceService(deps);
  const accounts = new AccountService({ ...deps, audit });
  const users = new UserService({ ...deps, audit, sessions, rememberedDevices });
  const userDetail = new UserDetailService({ ...deps, secrets });
  const apps = new AppService({ ...deps, audit });
  const auditQueries = new AuditQueryService(deps);
  const exports = new ExportService({ ...deps, audit, auditQueries });
  const policies = new PolicyService({ ...deps, audit, rememberedDevices });
  const overview = new OverviewService({ ...deps, auditQueries });
  const profiles = new ProfileService({
    ...deps,
    audit,
    rateLimits,
    loginAssurance,
    rememberedDevices,
  });
  const mail = new MailService(deps);
  const linkTokens = new LinkTokenService(deps);
  const invitations = new InvitationService({ ...deps, audit, rateLimits, linkTokens, mail });
  const invitationAdmin = new InvitationAdminService({
    ...deps,
    audit,
    rateLimits,
    linkTokens,
    mail,
  });
  const passwordResets = new PasswordResetService({
    ...deps,
    audit,
    sessions,
    rememberedDevices,
    rateLimits,
    linkTokens,
    mail,
  });
  const lockout = new LockoutService(deps);
  const webAuthnChallenges = new WebAuthnChallengeService(deps);
  const passkeyAssertions = new PasskeyAssertionService({
    ...deps,
    audit,
    challenges: webAuthnChallenges,
  });
  const codes = new CodeCheckService({ ...deps, secrets, lockout, passkeys: passkeyAssertions });
  const backupCodes = new BackupCodeService({ ...deps, secrets, audit, codes });
  const completion = new EnrollmentCompletion({
    audit,
    sessions,
    mail,
    backupCodes,
    loginAssurance,
  });
  const authenticatorEnrollment = new AuthenticatorEnrollmentService({
    ...deps,
    secrets,
    audit,
    linkTokens,
    codes,
    completion,
  });
  const pins = new PinService({ ...deps, secrets, audit, codes, completion, rateLimits });
  const sms = new SmsService({
    ...deps,
    secrets,
    audit,
    rateLimits,
    sender: new SmsSender(deps),
    codes,
    completion,
  });
  const twoFactor = new TwoFactorService({
    ...deps,
    audit,
    sessions,
    mail,
    codes,
    rememberedDevices,
  });
  const passkeys = new PasskeyService({
    ...deps,
    audit,
    mail,
    codes,
    completion,
    challenges: webAuthnChallenges,
    assertions: passkeyAssertions,
    twoFactor,
  });
  const adminTwoFactor = new AdminTwoFactorService({
    ...deps,
    audit,
    sessions,
    linkTokens,
    mail,
    codes,
    twoFactor,
  });
  const demo = new DemoService({ ...deps, audit, accounts });
  const purge = new PurgeService({
    dataSource: deps.dataSource,
    logger: deps.logger,
    auditRetentionDays: deps.config.auditRetentionDays,
    longestSessionIdleMs: Math.max(
      deps.config.sessionLifetimes.idleMs,
      deps.config.sessionLifetimes.enrollmentIdleMs,
      deps.config.sessionLifetimes.pendingMs,
    ),
    onPurged: (kind, rows) => deps.metrics?.purged(kind, rows),
  });
  const allowedNetworks = parseNetworks(deps.config.openIdAllowedNetworks);
  const providerClient = new ProviderClient({
    logger: deps.logger,
    fetch: providerFetch({
      // a Twofold on localhost (development, tests) talks to providers on its own machine
      guard: !isLoopbackUrl(deps.config.publicUrl),
      allowedNetworks,
      ...deps.providerNetwork,
    }),
  });
  const identityProviders = new IdentityProviderService({
    dataSource: deps.dataSource,
    audit,
    box: secrets.providerSecretBox,
    client: providerClient,
    publicUrl: deps.config.publicUrl,
    allowedNetworks,
  });
  const openId = new OpenIdSignInService({
    dataSource: deps.dataSource,
    audit,
    sessions,
    sessionView,
    rateLimits,
    providers: identityProviders,
    client: providerClient,
    logger: deps.logger,
    redirectUri: openIdRedirectUri(deps.config.publicUrl),
    attemptKey: secrets.openIdAttemptKey,
    metrics: deps.metrics,
  });
  const accountDomains = new AccountDomainService({
    dataSource: deps.dataSource,
    audit,
    txt: new DnsTxtLookup({
      servers: deps.config.dnsServers,
      timeoutMs: deps.config.dnsTimeoutMs,
    }),
  });
  return {
    ...deps,
    secrets,
    rememberedDevices,
    audit,
    rateLimits,
    callers,
    sessions,
    sessionView,
    passwordSignIn,
    loginAssurance,
    accounts,
    users,
    userDetail,
    apps,
    auditQueries,
    exports,
    policies,
    overview,
    profiles,
    mail,
    linkTokens,
    invitations,
    invitationAdmin,
    passwordResets,
    lockout,
    codes,
    backupCodes,
    authenticatorEnrollment,
    pins,
    sms,
    twoFactor,
    adminTwoFactor,
    webAuthnChallenges,
    passkeyAssertions,
    passkeys,
    demo,
    purge,
    identityProviders,
    openId,
    accountDomains,
  };
}
