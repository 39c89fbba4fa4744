import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Active, PastSecondFactor } from '../../graphql/access';
import { Passkey } from '../two-factor/passkey/dto/passkey.type';
import type { PasskeyFactor } from '../two-factor/passkey/passkey.entities';
import { CurrentCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { SecondFactorInfo, SecondFactorLockout, UserSession } from './dto/user-detail.type';
import { activityPage } from './user-detail.service';
import { User } from './user.entity';

const refusal =
  'FORBIDDEN (reason SELF or OWNER) on a profile of the caller’s own login and, for an ' +
  'administrator, on an owner.';

/**
 * What a user's page shows beyond the users table, for Owners and Administrators (docs/design.md,
 * Daily administration): transport only, each field batched per request (one statement per field).
 */
@Resolver(() => User)
export class UserDetailResolver {
  @FieldResolver(() => [SecondFactorInfo], {
    nullable: true,
    description:
      'The second factors the user holds (authenticator app, phone, PIN, backup codes), with when ' +
      `each was added and last used. Owners and Administrators; ${refusal}`,
  })
  @Active(Permission.TWO_FACTOR_ADMIN)
  secondFactors(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SecondFactorInfo[]> {
    return ctx.loaders
      .get<User, SecondFactorInfo[]>(
        'user.secondFactors',
        (users) => ctx.services.userDetail.secondFactors(caller, users),
        (key) => key.id,
      )
      .load(user);
  }

  @FieldResolver(() => [Passkey], {
    nullable: true,
    description:
      'The profile’s passkeys, oldest first (docs/design.md, Passkeys). The profile itself, and ' +
      `the Owners and Administrators who look after it; ${refusal} FORBIDDEN for anyone else.`,
  })
  @PastSecondFactor()
  passkeys(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<PasskeyFactor[]> {
    return ctx.loaders
      .get<User, PasskeyFactor[]>(
        'user.passkeys',
        (users) => ctx.services.userDetail.passkeys(caller, users),
        (key) => key.id,
      )
      .load(user);
  }

  @FieldResolver(() => SecondFactorLockout, {
    nullable: true,
    description:
      'The user’s locked second-factor step; null when it is not locked (unlockTwoFactor lifts ' +
      `it). Owners and Administrators; ${refusal}`,
  })
  @Active(Permission.TWO_FACTOR_ADMIN)
  secondFactorLockout(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SecondFactorLockout | null> {
    return ctx.loaders
      .get<User, SecondFactorLockout | null>(
        'user.secondFactorLockout',
        (users) => ctx.services.userDetail.lockouts(caller, users),
        (key) => key.id,
      )
      .load(user);
  }

  @FieldResolver(() => [UserSession], {
    nullable: true,
    description:
      'The user’s open sessions, last seen first (endUserSessions ends them). Owners and ' +
      `Administrators; ${refusal}`,
  })
  @Active(Permission.USERS_MANAGE)
  sessions(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<UserSession[]> {
    return ctx.loaders
      .get<User, UserSession[]>(
        'user.sessions',
        (users) => ctx.services.userDetail.sessions(caller, users),
        (key) => key.id,
      )
      .load(user);
  }

  @FieldResolver(() => [AuditEvent], {
    nullable: true,
    description:
      'The newest audit events about the user (sign-ins, wrong codes, changes made to them), ' +
      'newest first; the whole history is `auditEvents(filter: { userId })`. Owners and ' +
      `Administrators; ${refusal}`,
  })
  @Active(Permission.AUDIT_READ)
  securityActivity(
    @Root() user: User,
    @Arg('first', () => Int, {
      defaultValue: activityPage.default,
      description: `How many, 1 to ${activityPage.max}.`,
    })
    first: number,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AuditEvent[]> {
    return ctx.loaders
      .get<User, AuditEvent[]>(
        `user.securityActivity.${first}`,
        (users) => ctx.services.userDetail.securityActivity(caller, users, first),
        (key) => key.id,
      )
      .load(user);
  }
}
