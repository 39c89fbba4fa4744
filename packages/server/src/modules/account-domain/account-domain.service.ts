import { randomBytes } from 'node:crypto';
import {
  type AuditAction,
  accountDomainSchema,
  DomainVerificationMethod,
  ErrorCode,
  ErrorReason,
  toFieldErrors,
} from '@twofold/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/unique-violation';
import {
  BadInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
} from '../../errors';
import { Account } from '../account/account.entity';
import type { AuditService } from '../audit/audit.service';
import { type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { AccountDomain } from './account-domain.entity';
import { holdsVerification, verificationRecordName } from './domain-verification';
import type { TxtLookup } from './txt-lookup';

/** At most this many domains per account. */
export const MAX_DOMAINS_PER_ACCOUNT = 20;

/** Who acts: an owner through the API, or the operator on the command line (no actor). */
interface Actor {
  accountId: string;
  userId: string | null;
  identityId: string | null;
  ip: string | null;
}

const taken = () =>
  new ConflictError('Another account has verified this domain', ErrorReason.DOMAIN_TAKEN, 'domain');

/**
 * The email domains an account claims and proves: owners add, verify (through DNS) and remove
 * them, owners and administrators read them, the operator verifies one from the command line.
 */
export class AccountDomainService {
  constructor(
    private readonly deps: { dataSource: DataSource; audit: AuditService; txt: TxtLookup },
  ) {}

  async list(caller: Pick<Caller, 'user'>): Promise<AccountDomain[]> {
    const user = requireProfile(caller);
    if (!hasPermission(user, Permission.POLICIES_READ)) throw new ForbiddenError();
    return this.deps.dataSource.getRepository(AccountDomain).find({
      where: { accountId: user.accountId },
      order: { domain: 'ASC' },
    });
  }

  /** Claims `domain` for the caller's account, unverified, with a fresh token to publish. */
  async add(
    caller: Pick<Caller, 'user'>,
    domain: string,
    meta: RequestMeta,
  ): Promise<AccountDomain> {
    const actor = this.owner(caller, meta);
    const name = parseDomain(domain);
    try {
      return await this.deps.dataSource.transaction((manager) => this.insert(manager, actor, name));
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyAdded();
      throw error;
    }
  }

  /**
   * Looks up `_twofold.<domain>` and marks the domain verified when a TXT record there holds the
   * account's token. An already verified domain stays as it is.
   */
  async verify(
    caller: Pick<Caller, 'user'>,
    id: string,
    meta: RequestMeta,
  ): Promise<AccountDomain> {
    const actor = this.owner(caller, meta);
    const domain = await this.find(this.deps.dataSource.manager, actor.accountId, id);
    if (domain.verifiedAt) return domain;
    // DNS stays outside the transaction: a slow answer holds no lock
    const answer = await this.deps.txt.lookup(verificationRecordName(domain.domain));
    if (answer.kind === 'failed') {
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        `DNS did not answer for ${verificationRecordName(domain.domain)}; try again in a moment`,
        { field: 'id' },
        ErrorReason.DOMAIN_LOOKUP_FAILED,
      );
    }
    if (answer.kind === 'none' || !holdsVerification(answer.records, domain.verificationToken)) {
      throw new BadInputError(
        [
          {
            field: 'id',
            message: `No TXT record at ${verificationRecordName(domain.domain)} holds this account’s token`,
          },
        ],
        { reason: ErrorReason.DOMAIN_RECORD_MISSING },
      );
    }
    return verifying(() =>
      this.deps.dataSource.transaction(async (manager) =>
        this.markVerified(
          manager,
          actor,
          await this.find(manager, actor.accountId, id),
          DomainVerificationMethod.DNS,
        ),
      ),
    );
  }

  /** Removes the claim; a verified domain stops offering the account's providers by email. */
  async remove(caller: Pick<Caller, 'user'>, id: string, meta: RequestMeta): Promise<boolean> {
    const actor = this.owner(caller, meta);
    await this.deps.dataSource.transaction(async (manager) => {
      const domain = await this.find(manager, actor.accountId, id);
      await manager.delete(AccountDomain, { id: domain.id });
      await this.record(manager, actor, 'account_domain.removed', domain, {
        domain: domain.domain,
        wasVerified: domain.verifiedAt !== null,
      });
    });
    return true;
  }

  /**
   * The operator's word (`pnpm twofold verify-domain`): the account named by its slug holds the
   * domain. Adds the domain when the account has not claimed it yet, in the same transaction.
   */
  async verifyByOperator(
    accountSlug: string,
    domain: string,
  ): Promise<{ account: Account; domain: AccountDomain; already: boolean }> {
    const slug = accountSlug.trim().toLowerCase();
    if (slug === '' || slug.length > 64) {
      throw new BadInputError([{ field: 'account', message: 'Give the account’s slug' }]);
    }
    const name = parseDomain(domain);
    const account = await this.deps.dataSource.getRepository(Account).findOneBy({ slug });
    if (!account) throw new NotFoundError(`Account "${slug}"`, 'account');
    const actor: Actor = { accountId: account.id, userId: null, identityId: null, ip: null };
    return verifying(() =>
      this.deps.dataSource.transaction(async (manager) => {
        const claimed = await manager.findOneBy(AccountDomain, {
          accountId: account.id,
          domain: name,
        });
        if (claimed?.verifiedAt) return { account, domain: claimed, already: true };
        const verified = await this.markVerified(
          manager,
          actor,
          claimed ?? (await this.insert(manager, actor, name)),
          DomainVerificationMethod.OPERATOR,
        );
        return { account, domain: verified, already: false };
      }),
    );
  }

  private async insert(manager: EntityManager, actor: Actor, name: string): Promise<AccountDomain> {
    // the account row is the lock: two concurrent additions cannot both pass the limit
    await manager
      .createQueryBuilder()
      .update(Account)
      .set({ id: () => 'id' })
      .where('id = :id', { id: actor.accountId })
      .execute();
    const count = await manager.countBy(AccountDomain, { accountId: actor.accountId });
    if (count >= MAX_DOMAINS_PER_ACCOUNT) {
      throw new BadInputError([
        { field: 'domain', message: `An account has at most ${MAX_DOMAINS_PER_ACCOUNT} domains` },
      ]);
    }
    if (await manager.existsBy(AccountDomain, { accountId: actor.accountId, domain: name })) {
      throw alreadyAdded();
    }
    const domain = await manager.save(
      manager.create(AccountDomain, {
        accountId: actor.accountId,
        domain: name,
        verificationToken: randomBytes(16).toString('hex'),
        verifiedDomain: null,
        verifiedAt: null,
        verifiedBy: null,
        createdAt: new Date(),
      }),
    );
    await this.record(manager, actor, 'account_domain.added', domain, { domain: name });
    return domain;
  }

  /**
   * Sets the domain verified, unless another account holds it verified: the unique index on
   * `verifiedDomain` decides between accounts, even when both verify at the same moment.
   */
  private async markVerified(
    manager: EntityManager,
    actor: Actor,
    domain: AccountDomain,
    method: DomainVerificationMethod,
  ): Promise<AccountDomain> {
    if (domain.verifiedAt) return domain;
    if (await manager.existsBy(AccountDomain, { verifiedDomain: domain.domain })) throw taken();
    const changes = { verifiedDomain: domain.domain, verifiedAt: new Date(), verifiedBy: method };
    const { affected } = await manager
      .createQueryBuilder()
      .update(AccountDomain)
      .set(changes)
      .where('id = :id AND verifiedAt IS NULL', { id: domain.id })
      .execute();
    // a concurrent verification of this same row won: it is verified all the same
    if (affected === 0) return this.find(manager, actor.accountId, domain.id);
    Object.assign(domain, changes);
    await this.record(manager, actor, 'account_domain.verified', domain, {
      domain: domain.domain,
      method,
    });
    return domain;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: AuditAction,
    domain: AccountDomain,
    details: Record<string, unknown>,
  ) {
    return this.deps.audit.record(
      {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        actorIdentityId: actor.identityId,
        action,
        targetType: 'AccountDomain',
        targetId: domain.id,
        ip: actor.ip,
        details,
      },
      manager,
    );
  }

  /** An owner of the account; administrators read domains but never change them. */
  private owner(caller: Pick<Caller, 'user'>, meta: RequestMeta): Actor {
    const user = requireProfile(caller);
    if (!hasPermission(user, Permission.IDENTITY_PROVIDERS_WRITE)) throw new ForbiddenError();
    return { accountId: user.accountId, userId: user.id, identityId: user.identityId, ip: meta.ip };
  }

  /** The account's domain `id`; another account's does not exist for the caller. */
  private async find(
    manager: EntityManager,
    accountId: string,
    id: string,
  ): Promise<AccountDomain> {
    const domain =
      id.length <= 36 ? await manager.findOneBy(AccountDomain, { id, accountId }) : null;
    if (!domain) throw new NotFoundError('Domain', 'id');
    return domain;
  }
}

function parseDomain(domain: string): string {
  const parsed = accountDomainSchema.safeParse(domain);
  if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'domain'));
  return parsed.data;
}

/** Runs a verification; losing the race for the domain to another account answers CONFLICT. */
async function verifying<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // SQLite names the column, MariaDB the index
    if (/verified_?domain/i.test(String((error as Error).message))) throw taken();
    throw new ConflictError(
      'The domain changed at the same time; try again',
      ErrorReason.CONCURRENT_CHANGE,
      'domain',
    );
  }
}

function alreadyAdded() {
  return new ConflictError(
    'The account has this domain already',
    ErrorReason.ALREADY_EXISTS,
    'domain',
  );
}
