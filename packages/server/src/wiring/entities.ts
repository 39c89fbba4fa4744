import { Account } from '../modules/account/account.entity';
import { AccountDomain } from '../modules/account-domain/account-domain.entity';
import { App, UserApp } from '../modules/app/app.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { HousekeepingLease } from '../modules/housekeeping/housekeeping-lease.entity';
import { Identity } from '../modules/identity/identity.entity';
import { LinkToken } from '../modules/link-token/link-token.entity';
import { IdentityProvider } from '../modules/openid/identity-provider.entity';
import { IdentitySubject } from '../modules/openid/identity-subject.entity';
import { OpenIdAttempt } from '../modules/openid/openid-attempt.entity';
import { PasskeyFactor, WebAuthnChallenge } from '../modules/two-factor/passkey/passkey.entities';
import { SecurityPolicy } from '../modules/policy/security-policy.entity';
import { RateLimit } from '../modules/rate-limit/rate-limit.entity';
import { RememberedDevice } from '../modules/remembered-device/remembered-device.entity';
import { Session } from '../modules/session/session.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../modules/two-factor/two-factor.entities';
import { TwoFactorCount } from '../modules/two-factor/status/two-factor-count.entity';
import { User } from '../modules/user/user.entity';

/** Every entity of the schema; migrations are generated from this list. */
export const entities = [
  Account,
  Identity,
  User,
  App,
  UserApp,
  SecurityPolicy,
  Session,
  AuditEvent,
  LinkToken,
  RateLimit,
  AuthenticatorFactor,
  BackupCode,
  SecondFactorGuard,
  PinFactor,
  SmsFactor,
  HousekeepingLease,
  IdentityProvider,
  IdentitySubject,
  OpenIdAttempt,
  AccountDomain,
  TwoFactorCount,
  PasskeyFactor,
  WebAuthnChallenge,
  RememberedDevice,
];
