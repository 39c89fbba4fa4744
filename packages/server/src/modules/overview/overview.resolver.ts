import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Inherit } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import { AuditEvent } from '../audit/audit-event.entity';
import { type Caller, requireProfile } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { primeTwoFactor } from '../user/user.loaders';
import { AccountOverview } from './dto/account-overview.type';

/** The console's overview (docs/design.md, The overview): transport only. */
@Resolver(() => AccountOverview)
export class OverviewResolver {
  @Query(() => AccountOverview, {
    description:
      'What needs attention in the caller’s account: users in a grace period and recent security events ' +
      '(Owners and Administrators).',
  })
  @Active(Permission.USERS_MANAGE)
  accountOverview(@CurrentCaller() caller: Caller): AccountOverview {
    return { accountId: requireProfile(caller).accountId };
  }

  @FieldResolver(() => [User], {
    description:
      'Users in their grace period (`twoFactorStatus` GRACE), the soonest `enrollmentDeadline` first; all of ' +
      'them are `users(filter: { twoFactorStatus: GRACE })`.',
  })
  @Inherit()
  async usersInGracePeriod(
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many, 1 to 100.' })
    first: number,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User[]> {
    const { users, twoFactor } = await ctx.services.overview.usersInGracePeriod(caller, first);
    // read with the users: their 2FA fields need no query of their own
    for (const user of users) {
      const summary = twoFactor.get(user.id);
      if (summary) primeTwoFactor(ctx, user, summary);
    }
    return users;
  }

  @FieldResolver(() => [AuditEvent], {
    description:
      'The account’s newest security events, newest first: second factors set up, turned off or reset, wrong ' +
      'codes, suspensions, passwords, 2FA rules, identity providers and domains — not routine sign-ins ' +
      '(`isSecurityEvent` in the shared package lists the actions). Each is in `auditEvents(filter: { action })`.',
  })
  @Active(Permission.AUDIT_READ)
  recentSecurityEvents(
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many, 1 to 100.' })
    first: number,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AuditEvent[]> {
    return ctx.services.overview.recentSecurityEvents(caller, first);
  }
}
