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
import type { AuditService } from '../audit/audit.service';
import { Identity } from '../identity/identity.entity';
import { SecurityPolicy } from '../policy/security-policy.entity';
import { User } from '../user/user.entity';
import { Account } from './account.entity';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates an account with its owner and one security policy per user type (2FA optional, every
   * method allowed, no grace period). An existing login keeps its password and gains the profile.
   */
  async createAccount(
    input: CreateAccountInput,
    now = new Date(),
  ): Promise<{ account: Account; owner: User }> {
    const parsed = createAccountSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    const { name, ownerEmail, ownerPassword } = parsed.data;

    const existing = await this.dataSource.getRepository(Identity).findOneBy({ email: ownerEmail });
    if (existing?.passwordHash && !(await verifyPassword(existing.passwordHash, ownerPassword))) {
      throw new ConflictError(
        'This email already signs in with another password: give that one',
        ErrorReason.PASSWORD_MISMATCH,
        'ownerPassword',
      );
    }
    const passwordHash = existing?.passwordHash ?? (await hashPassword(ownerPassword));

    return this.dataSource.transaction(async (manager) => {
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
      const owner = await manager.save(
        manager.create(User, {
          accountId: account.id,
          identityId: identity.id,
          displayName: parsed.data.ownerName ?? ownerEmail.split('@')[0] ?? ownerEmail,
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
            allowedMethods: Object.values(TwoFactorMethod),
            gracePeriodDays: 0,
            updatedAt: now,
          }),
        ),
      );
      await this.audit.record(
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

  /** The countries SMS codes may go to (DESIGN §3); owners only. Empty allows every country. */
  async updateAllowedSmsCountries(
    caller: Caller,
    countries: readonly string[],
    meta: RequestMeta,
  ): Promise<Account> {
    const actor = requireProfile(caller);
    if (!hasPermission(actor, Permission.POLICIES_WRITE)) {
      throw new ForbiddenError('Only an account owner changes where text messages may go');
    }
    const parsed = parseCountryList(countries);
    if (!parsed.ok) throw new BadInputError(parsed.problems);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Account,
        { id: actor.accountId },
        { allowedSmsCountries: parsed.countries },
      );
      await this.audit.record(
        {
          ...auditActor(caller, meta),
          action: 'account.sms_countries_updated',
          targetType: 'Account',
          targetId: actor.accountId,
          details: { countries: parsed.countries },
        },
        manager,
      );
    });
    actor.account.allowedSmsCountries = parsed.countries;
    return actor.account;
  }
}
