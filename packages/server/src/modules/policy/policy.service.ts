import {
  Enforcement,
  securityPolicyInputSchema,
  type SecurityPolicyInput,
  toFieldErrors,
  UserType,
} from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { BadInputError, ForbiddenError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { enrollmentDeadline } from '../two-factor/status/facts';
import { SecurityPolicy } from './security-policy.entity';
import { isSqlite } from '../../db/dialect';

const typeOrder = Object.values(UserType);

/** The audited view of a policy: what an owner can change. */
function valuesOf(
  policy: Pick<SecurityPolicy, 'enforcement' | 'allowedMethods' | 'gracePeriodDays'>,
) {
  return {
    enforcement: policy.enforcement,
    allowedMethods: [...policy.allowedMethods],
    gracePeriodDays: policy.gracePeriodDays,
  };
}

/**
 * True when saving `next` over `previous` starts requiring 2FA for the type: only then are the
 * users' deadlines fixed (an edit of an already REQUIRED rule never gives anyone more time).
 */
export function becomesRequired(previous: Enforcement | null, next: Enforcement): boolean {
  return next === Enforcement.REQUIRED && previous !== Enforcement.REQUIRED;
}

export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The account's four policies, in user-type order. */
  async list(accountId: string): Promise<SecurityPolicy[]> {
    const rows = await this.dataSource.getRepository(SecurityPolicy).findBy({ accountId });
    return rows.sort((a, b) => typeOrder.indexOf(a.userType) - typeOrder.indexOf(b.userType));
  }

  /**
   * Changes the 2FA rule of one user type (owners only, DESIGN §4). When it becomes REQUIRED, every
   * profile of that type without a deadline gets now + the grace period, in one UPDATE; deadlines
   * already fixed never move. Signed-in users feel it at their next request: stages are recomputed
   * on every request.
   */
  async update(
    caller: Pick<Caller, 'user'>,
    input: SecurityPolicyInput,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<SecurityPolicy> {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.POLICIES_WRITE)) {
      throw new ForbiddenError('Only an account owner changes security policies');
    }
    const parsed = securityPolicyInputSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const next = parsed.data;
    const accountId = actor.accountId;

    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockedPolicy(manager, accountId, next.userType);
      const previous = current ? valuesOf(current) : null;
      const policy =
        current ?? manager.create(SecurityPolicy, { accountId, userType: next.userType });
      policy.enforcement = next.enforcement;
      policy.allowedMethods = next.allowedMethods;
      policy.gracePeriodDays = next.gracePeriodDays;
      policy.updatedAt = now;
      const saved = await manager.save(policy);

      let deadlinesFixed = 0;
      if (becomesRequired(previous?.enforcement ?? null, next.enforcement)) {
        const result = await manager.update(
          User,
          { accountId, userType: next.userType, twoFactorDeadline: IsNull() },
          { twoFactorDeadline: enrollmentDeadline(next, now) },
        );
        deadlinesFixed = result.affected ?? 0;
      }

      await this.audit.record(
        {
          accountId,
          actorUserId: actor.id,
          actorIdentityId: actor.identityId,
          action: 'policy.updated',
          targetType: 'SecurityPolicy',
          targetId: saved.id,
          ip: meta.ip,
          details: {
            userType: next.userType,
            old: previous,
            new: valuesOf(saved),
            deadlinesFixed,
          },
        },
        manager,
      );
      return saved;
    });
  }

  /** The policy row, locked against a concurrent edit where the dialect has row locks. */
  private lockedPolicy(
    manager: EntityManager,
    accountId: string,
    userType: UserType,
  ): Promise<SecurityPolicy | null> {
    const query = manager
      .getRepository(SecurityPolicy)
      .createQueryBuilder('policy')
      .where('policy.accountId = :accountId', { accountId })
      .andWhere('policy.userType = :userType', { userType });
    // SQLite serializes writers already
    if (!isSqlite(this.dataSource)) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
