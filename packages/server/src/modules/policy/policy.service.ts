import {
  Enforcement,
  ErrorReason,
  securityPolicyInputSchema,
  TwoFactorStatus,
  type SecurityPolicyInput,
  toFieldErrors,
  type TwoFactorMethod,
  UserType,
} from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { BadInputError, ForbiddenError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Account, lockedAccount } from '../account/account.entity';
import { User } from '../user/user.entity';
import { type SmsCountryRule, smsWithoutCountry } from '../two-factor/sms/sms-countries';
import { enrollmentDeadline } from '../two-factor/status/facts';
import {
  complianceRows,
  impactGroups,
  stateOfHeld,
  statusCounts,
} from '../two-factor/status/stored-counts';
import { type ImpactSubject, type PolicyImpact, policyImpact } from './policy-impact';
import { subjectsOfGroups } from './policy-impact-groups';
import { type PolicyValues, policyTightened } from './policy-tightening';
import { SecurityPolicy } from './security-policy.entity';
import { forgottenDetail } from '../remembered-device/remembered-device-rules';
import type { RememberedDeviceService } from '../remembered-device/remembered-device.service';
import { isSqlite } from '../../db/dialect';
import { withStatementTimeout } from '../../db/mysql-pool';

const typeOrder = Object.values(UserType);

/** The 2FA situation of one user type's profiles (docs/design.md, GraphQL contract: statuses), for the compliance view. */
export interface TypeCompliance {
  userType: UserType;
  users: number;
  /** ENROLLED, true second factor or PIN only. */
  enrolled: number;
  /** Counted in `enrolled`: a PIN code is their only allowed factor (another knowledge factor). */
  pinOnly: number;
  grace: number;
  /** Required, not set up, never signed in: they set up at their first sign-in. */
  awaitingFirstSignIn: number;
  overdue: number;
  locked: number;
  /** 2FA is optional for them and they have not turned it on. */
  optionalOff: number;
  /** 2FA is off for their type. */
  notRequired: number;
  /** Every status with its count, in the order of the enum: a new status is one more entry. */
  byStatus: { status: TwoFactorStatus; count: number }[];
}

export interface PolicyImpactResult extends PolicyImpact {
  userType: UserType;
}

/** The audited view of a policy: what an owner can change. */
function valuesOf(policy: PolicyValues) {
  return {
    enforcement: policy.enforcement,
    allowedMethods: [...policy.allowedMethods],
    gracePeriodDays: policy.gracePeriodDays,
    phishingResistantOnly: policy.phishingResistantOnly,
    rememberDeviceDays: policy.rememberDeviceDays,
  };
}

/**
 * True when saving `next` over `previous` starts requiring 2FA for the type: only then are the
 * users' deadlines fixed (an edit of an already REQUIRED rule never gives anyone more time).
 */
export function becomesRequired(previous: Enforcement | null, next: Enforcement): boolean {
  return next === Enforcement.REQUIRED && previous !== Enforcement.REQUIRED;
}

/**
 * Refuses a rule that offers SMS while the account allows no SMS country: nobody could set it
 * up, and users required to enroll would be offered a method that cannot work.
 */
function assertSmsHasACountry(
  allowedMethods: readonly TwoFactorMethod[],
  account: SmsCountryRule,
): void {
  if (!smsWithoutCountry(allowedMethods, account)) return;
  throw new BadInputError(
    [
      {
        field: 'input.allowedMethods',
        message:
          'SMS needs at least one allowed country: choose the SMS countries first, or leave SMS out',
      },
    ],
    { reason: ErrorReason.SMS_NEEDS_A_COUNTRY },
  );
}

/**
 * How long one statement of a policy change may run: it rewrites the stored 2FA status of every
 * profile of the type (docs/design.md, Stored 2FA status), minutes at a million profiles.
 */
const policyChangeStatementMs = 15 * 60_000;

export class PolicyService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      rememberedDevices: RememberedDeviceService;
    },
  ) {}

  /** The account's four policies, in user-type order. */
  async list(accountId: string): Promise<SecurityPolicy[]> {
    const rows = await this.deps.dataSource.getRepository(SecurityPolicy).findBy({ accountId });
    return rows.sort((a, b) => typeOrder.indexOf(a.userType) - typeOrder.indexOf(b.userType));
  }

  /**
   * What saving `input` would do to the profiles of its type, computed with the same rules as
   * `update` and the stage checks — read-only, so administrators may preview too.
   */
  async impact(
    caller: Pick<Caller, 'user'>,
    input: SecurityPolicyInput,
    now = new Date(),
  ): Promise<PolicyImpactResult> {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.POLICIES_READ)) {
      throw new ForbiddenError('Only owners and administrators read security policies');
    }
    const parsed = securityPolicyInputSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const next = parsed.data;
    const accountId = actor.accountId;
    const account = await this.deps.dataSource
      .getRepository(Account)
      .findOneByOrFail({ id: accountId });
    assertSmsHasACountry(next.allowedMethods, account);
    const { dataSource } = this.deps;
    // the caller's own profile is answered for on its own (`caller`), the rest from the counters
    const self =
      actor.userType === next.userType
        ? await dataSource.getRepository(User).findOne({
            select: {
              id: true,
              twoFactorHeld: true,
              twoFactorRequirement: true,
              twoFactorDeadline: true,
              lastSignInAt: true,
            },
            where: { id: actor.id },
          })
        : null;
    const [current, groups] = await Promise.all([
      dataSource.getRepository(SecurityPolicy).findOneBy({ accountId, userType: next.userType }),
      impactGroups(dataSource, accountId, next.userType, now, self),
    ]);
    const subjects: ImpactSubject[] = subjectsOfGroups(groups, now);
    if (self) subjects.push({ user: self, state: stateOfHeld(self.twoFactorHeld) });
    // left out, the flag stays as it is (PolicyService.update)
    const rule = {
      ...next,
      phishingResistantOnly: next.phishingResistantOnly ?? current?.phishingResistantOnly ?? false,
    };
    const impact = policyImpact({ current, next: rule, subjects, callerUserId: actor.id, now });
    return { ...impact, userType: next.userType };
  }

  /**
   * Per user type, how many profiles are enrolled, in grace, overdue, locked or not required: the
   * counters and two small index ranges (docs/design.md, Stored 2FA status).
   */
  async compliance(accountId: string, now = new Date()): Promise<TypeCompliance[]> {
    const { dataSource } = this.deps;
    const rows = await complianceRows(dataSource, accountId, typeOrder, now);
    const counts = statusCounts({ userTypes: typeOrder, ...rows });
    return typeOrder.map((userType) => {
      const { byStatus, pinOnly } = counts.get(userType)!;
      const of = (status: TwoFactorStatus) => byStatus.get(status) ?? 0;
      return {
        userType,
        users: [...byStatus.values()].reduce((sum, count) => sum + count, 0),
        enrolled: of(TwoFactorStatus.ENROLLED),
        pinOnly,
        grace: of(TwoFactorStatus.GRACE),
        awaitingFirstSignIn: of(TwoFactorStatus.AWAITING_FIRST_SIGN_IN),
        overdue: of(TwoFactorStatus.OVERDUE),
        locked: of(TwoFactorStatus.LOCKED),
        optionalOff: of(TwoFactorStatus.OPTIONAL_OFF),
        notRequired: of(TwoFactorStatus.NOT_REQUIRED),
        byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      };
    });
  }

  /**
   * Changes the 2FA rule of one user type (owners only, docs/design.md, Permissions). When it becomes REQUIRED, every
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

    // the policy's UPDATE recomputes every profile of the type through the triggers (docs/design.md,
    // Stored 2FA status): on a large account it outlasts a request's statement bound
    return withStatementTimeout(this.deps.dataSource, policyChangeStatementMs, () =>
      this.deps.dataSource.transaction(async (manager) => {
        // the account first, as the SMS countries' update does: each sees the other's last word
        assertSmsHasACountry(next.allowedMethods, await lockedAccount(manager, accountId));
        const current = await this.lockedPolicy(manager, accountId, next.userType);
        const previous = current ? valuesOf(current) : null;
        const policy =
          current ?? manager.create(SecurityPolicy, { accountId, userType: next.userType });
        policy.enforcement = next.enforcement;
        policy.allowedMethods = next.allowedMethods;
        policy.gracePeriodDays = next.gracePeriodDays;
        // left out: unchanged, or the column's default for a type that had no rule
        policy.phishingResistantOnly =
          next.phishingResistantOnly ?? previous?.phishingResistantOnly ?? false;
        policy.rememberDeviceDays = next.rememberDeviceDays ?? previous?.rememberDeviceDays ?? 0;
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
        // docs/design.md, Remembered browsers: each was remembered under the looser rule
        const rememberedBrowsersForgotten = policyTightened(previous, valuesOf(saved))
          ? await this.deps.rememberedDevices.forgetForType(manager, accountId, next.userType)
          : 0;

        await this.deps.audit.record(
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
              ...forgottenDetail(rememberedBrowsersForgotten),
            },
          },
          manager,
        );
        return saved;
      }),
    );
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
    if (!isSqlite(this.deps.dataSource)) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
