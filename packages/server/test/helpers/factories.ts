import { randomBytes } from 'node:crypto';
import { TwoFactorMethod, TwoFactorRequirement, UserStatus, UserType } from '@twofold/shared';
import { hashPassword } from '../../src/crypto/password';
import { Account } from '../../src/modules/account/account.entity';
import { SecurityPolicy } from '../../src/modules/policy/security-policy.entity';
import { Identity } from '../../src/modules/identity/identity.entity';
import { User } from '../../src/modules/user/user.entity';
import type { Services } from '../../src/services';
import { enrollmentDeadline } from '../../src/modules/two-factor/status/facts';
import { searchKeysOf } from '../../src/modules/user/search-keys';

export const testPassword = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

/** argon2id is slow on purpose: hash the shared test password once per test file. */
function passwordHash(password: string): Promise<string> {
  if (password !== testPassword) return hashPassword(password);
  testPasswordHash ??= hashPassword(testPassword);
  return testPasswordHash;
}

export function randomEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.test`;
}

export interface AccountFixture {
  account: Account;
  owner: User;
  ownerEmail: string;
  password: string;
}

/**
 * An account made the way the CLI makes one: owner, four policies, audit event, SMS to no
 * country. `smsCountries` then allows those countries and SMS for every type, as an owner would.
 */
export async function makeAccount(
  services: Services,
  name = `Acme ${randomBytes(3).toString('hex')}`,
  options: { smsCountries?: string[] } = {},
): Promise<AccountFixture> {
  const ownerEmail = randomEmail('owner');
  const { account, owner } = await services.accounts.createAccount({
    name,
    ownerEmail,
    ownerPassword: testPassword,
  });
  if (options.smsCountries) {
    const { dataSource } = services;
    account.allowedSmsCountries = options.smsCountries;
    await dataSource
      .getRepository(Account)
      .update({ id: account.id }, { allowedSmsCountries: options.smsCountries });
    await dataSource
      .getRepository(SecurityPolicy)
      .update({ accountId: account.id }, { allowedMethods: Object.values(TwoFactorMethod) });
  }
  return { account, owner, ownerEmail, password: testPassword };
}

export interface UserOptions {
  userType?: UserType;
  isOwner?: boolean;
  status?: UserStatus;
  email?: string;
  password?: string | null;
  displayName?: string;
  requireTwoFactor?: boolean;
  twoFactorDeadline?: Date | null;
  /**
   * The profile has not signed in yet: its required 2FA waits for its first sign-in
   * (AWAITING_FIRST_SIGN_IN), which starts its grace period. Invited profiles never have.
   */
  neverSignedIn?: boolean;
}

export interface UserFixture {
  user: User;
  email: string;
  password: string;
}

/** A profile in `account`; reuses the login when `email` already has one. */
export async function makeUser(
  services: Services,
  account: Account,
  options: UserOptions = {},
): Promise<UserFixture> {
  const { dataSource } = services;
  const email = options.email ?? randomEmail(options.userType?.toLowerCase() ?? 'user');
  const password = options.password === undefined ? testPassword : options.password;
  const now = new Date();
  const identity =
    (await dataSource.getRepository(Identity).findOneBy({ email })) ??
    (await dataSource.getRepository(Identity).save(
      dataSource.getRepository(Identity).create({
        email,
        passwordHash: password === null ? null : await passwordHash(password),
        emailVerifiedAt: null,
        createdAt: now,
      }),
    ));
  const displayName = options.displayName ?? email.split('@')[0] ?? email;
  const user = await dataSource.getRepository(User).save(
    dataSource.getRepository(User).create({
      accountId: account.id,
      identityId: identity.id,
      displayName,
      ...searchKeysOf(displayName, identity.email),
      userType: options.userType ?? UserType.APP_REVIEWER,
      isOwner: options.isOwner ?? false,
      status: options.status ?? UserStatus.ACTIVE,
      acceptedAt: (options.status ?? UserStatus.ACTIVE) === UserStatus.INVITED ? null : now,
      twoFactorRequirement: options.requireTwoFactor
        ? TwoFactorRequirement.REQUIRED
        : TwoFactorRequirement.INHERIT,
      // a per-user requirement under no policy: enroll at the next sign-in
      twoFactorDeadline:
        options.twoFactorDeadline ??
        (options.requireTwoFactor ? enrollmentDeadline(null, now) : null),
      lastSignInAt:
        options.neverSignedIn || (options.status ?? UserStatus.ACTIVE) === UserStatus.INVITED
          ? null
          : now,
      createdAt: now,
    }),
  );
  return { user, email, password: password ?? '' };
}
