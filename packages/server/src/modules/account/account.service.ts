import { randomBytes } from 'node:crypto';
import {
  displayNameSchema,
  emailSchema,
  Enforcement,
  ErrorReason,
  passwordSchema,
  toFieldErrors,
  TwoFactorMethod,
  TwoFactorRequirement,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../../crypto/password';
import { BadInputError, ConflictError, ForbiddenError } from '../../errors';
import { auditActor, type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { parseCountryList } from '../two-factor/sms/phone';
import { allowsNoSmsCountry, type SmsCountryRule } from '../two-factor/sms/sms-countries';
import type { AuditService } from '../audit/audit.service';
import { changesOf } from '../audit/changes';
import { Identity } from '../identity/identity.entity';
import { SecurityPolicy } from '../policy/security-policy.entity';
import { User } from '../user/user.entity';
import { Account, lockedAccount } from './account.entity';
import { searchKeysOf } from '../user/search-keys';

const createAccountSchema = z.object({
  name: displayNameSchema,
  ownerEmail: emailSchema,
  ownerPassword: passwordSchema,
  ownerName: displayNameSchema.optional(),
});

export type CreateAccountInput = z.input<typeof createAccountSchema>;

/** "Acme Corp." → "acme-corp" */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug === '' ? 'account' : slug;
}

export class AccountService {
  constructor(private readonly deps: { dataSource: DataSource; audit: AuditService }) {}

  /**
   * Creates an account with its owner and one security policy per user type (2FA optional, no
   * grace period). SMS goes to no country until the owner lists some, so no type allows SMS yet:
   * every other method is allowed. An existing login keeps its password and gains the profile.
   */
  async createAccount(
    input: CreateAccountInput,
    now = new Date(),
  ): Promise<{ account: Account; owner: User }> {
    const parsed = createAccountSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    const { name, ownerEmail, ownerPassword } = parsed.data;

    const existing = await this.deps.dataSource
      .getRepository(Identity)
      .findOneBy({ email: ownerEmail });
    if (existing?.passwordHash && !(await verifyPassword(existing.passwordHash, ownerPassword))) {
      throw new ConflictError(
        'This email already signs in with another password: give that one',
        ErrorReason.PASSWORD_MISMATCH,
        'ownerPassword',
      );
    }
    const passwordHash = existing?.passwordHash ?? (await hashPassword(ownerPassword));

    return this.deps.dataSource.transaction(async (manager) => {
      let slug = slugify(name);
      while (await manager.getRepository(Account).existsBy({ slug })) {
        slug = `${slugify(name).slice(0, 40)}-${randomBytes(3).toString('hex')}`;
      }
      const account = await manager.save(
        manager.create(Account, {
          name,
          slug,
          logoUrl: null,
          allowedSmsCountries: [],
          allowAllSmsCountries: false,
          createdAt: now,
        }),
      );
      const identity =
        existing ??
        (await manager.save(
          manager.create(Identity, {
            email: ownerEmail,
            passwordHash,
            emailVerifiedAt: null,
            createdAt: now,
          }),
        ));
      if (existing && !existing.passwordHash) {
        await manager.update(Identity, { id: existing.id }, { passwordHash });
      }
      const ownerName = parsed.data.ownerName ?? ownerEmail.split('@')[0] ?? ownerEmail;
      const owner = await manager.save(
        manager.create(User, {
          accountId: account.id,
          identityId: identity.id,
          displayName: ownerName,
          ...searchKeysOf(ownerName, identity.email),
          userType: UserType.ADMINISTRATOR,
          isOwner: true,
          status: UserStatus.ACTIVE,
          acceptedAt: now,
          twoFactorRequirement: TwoFactorRequirement.INHERIT,
          twoFactorDeadline: null,
          lastSignInAt: null,
          createdAt: now,
        }),
      );
      await manager.save(
        Object.values(UserType).map((userType) =>
          manager.create(SecurityPolicy, {
            accountId: account.id,
            userType,
            enforcement: Enforcement.OPTIONAL,
            // SMS waits for an allowed country; passkeys are offered from the start
            allowedMethods: [
              TwoFactorMethod.AUTHENTICATOR_APP,
              TwoFactorMethod.PIN,
              TwoFactorMethod.PASSKEY,
            ],
            gracePeriodDays: 0,
            updatedAt: now,
          }),
        ),
      );
      await this.deps.audit.record(
        {
          accountId: account.id,
          actorUserId: owner.id,
          action: 'account.created',
          targetType: 'Account',
          targetId: account.id,
        },
        manager,
      );
      return { account, owner };
    });
  }

  /**
   * Sets the countries SMS codes may go to (owners only). `allowAllCountries` keeps the older
   * "every country" of an account that had it; it can be dropped, never turned on again, since
   * a list the owner chose is what stops codes to countries nobody works in (toll fraud). No
   * country while a user type allows SMS is refused: nobody could set it up. Numbers already
   * confirmed keep receiving codes.
   */
  async updateAllowedSmsCountries(
    caller: Caller,
    input: { countries: readonly string[]; allowAllCountries?: boolean | null },
    meta: RequestMeta,
  ): Promise<Account> {
    const actor = requireProfile(caller);
    if (!hasPermission(actor, Permission.POLICIES_WRITE)) {
      throw new ForbiddenError('Only an account owner changes where text messages may go');
    }
    const parsed = parseCountryList(input.countries);
    if (!parsed.ok) throw new BadInputError(parsed.problems);
    const accountId = actor.accountId;
    const next: SmsCountryRule & { allowedSmsCountries: string[] } = {
      allowedSmsCountries: parsed.countries,
      allowAllSmsCountries: input.allowAllCountries ?? false,
    };
    const saved = await this.deps.dataSource.transaction(async (manager) => {
      const account = await lockedAccount(manager, accountId);
      if (next.allowAllSmsCountries && !account.allowAllSmsCountries) {
        throw new BadInputError([
          {
            field: 'allowAllCountries',
            message: 'Every country cannot be allowed again: list the countries instead',
          },
        ]);
      }
      if (allowsNoSmsCountry(next)) {
        const policies = await manager.getRepository(SecurityPolicy).findBy({ accountId });
        const withSms = policies
          .filter((p) => p.allowedMethods.includes(TwoFactorMethod.SMS))
          .map((p) => p.userType);
        if (withSms.length > 0) {
          throw new BadInputError(
            [
              {
                field: 'countries',
                message: `Allow at least one country: SMS is allowed for ${withSms.join(', ')} (take it off their policy first)`,
              },
            ],
            { reason: ErrorReason.SMS_NEEDS_A_COUNTRY },
          );
        }
      }
      await manager.update(Account, { id: accountId }, next);
      await this.deps.audit.record(
        {
          ...auditActor(caller, meta),
          action: 'account.sms_countries_updated',
          targetType: 'Account',
          targetId: accountId,
          details: {
            countries: next.allowedSmsCountries,
            allowAllCountries: next.allowAllSmsCountries,
            ...(account.allowAllSmsCountries !== next.allowAllSmsCountries
              ? { previouslyAllowAllCountries: account.allowAllSmsCountries }
              : {}),
            changes: changesOf(
              {
                countries: account.allowedSmsCountries,
                allowAllCountries: account.allowAllSmsCountries,
              },
              { countries: next.allowedSmsCountries, allowAllCountries: next.allowAllSmsCountries },
            ),
          },
        },
        manager,
      );
      return next;
    });
    actor.account.allowedSmsCountries = saved.allowedSmsCountries;
    actor.account.allowAllSmsCountries = saved.allowAllSmsCountries;
    return actor.account;
  }
}
