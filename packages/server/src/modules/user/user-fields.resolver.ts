import { TwoFactorMethod, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Inherit, PastSecondFactor } from '../../graphql/access';
import { Permission } from '../auth/permissions';
import { Invitation } from './dto/invitation.type';
import { pendingInvitationOf } from './invitation-rules';
import { Account } from '../account/account.entity';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { User } from './user.entity';
import { twoFactorOf, userLoaders } from './user.loaders';

/** Computed fields of every User, batched per request. */
@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => String, { description: 'The login email of the profile.' })
  @PastSecondFactor()
  email(@Root() user: User, @Ctx() ctx: Context): string | Promise<string> {
    // lists and the caller's own profile come with their login's email
    return (
      user.identity?.email ??
      userLoaders(ctx)
        .identity.load(user.identityId)
        .then((identity) => identity.email)
    );
  }

  @FieldResolver(() => Account, { description: 'The account of the profile.' })
  @Inherit()
  account(@Root() user: User, @Ctx() ctx: Context): Account | Promise<Account> {
    return user.account ?? userLoaders(ctx).account.load(user.accountId);
  }

  @FieldResolver(() => Boolean, {
    description: 'An administrator turned on “Enable two-factor authentication for this user”.',
  })
  @PastSecondFactor()
  requireTwoFactor(@Root() user: User): boolean {
    return user.twoFactorRequirement === TwoFactorRequirement.REQUIRED;
  }

  @FieldResolver(() => TwoFactorStatus, {
    description: 'The profile’s 2FA situation under its current policy.',
  })
  @PastSecondFactor()
  twoFactorStatus(
    @Root() user: User,
    @Ctx() ctx: Context,
  ): TwoFactorStatus | Promise<TwoFactorStatus> {
    return twoFactorOf(ctx, user, 'status');
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether 2FA is required of the profile, by its user type’s policy or by an administrator ' +
      '(requireTwoFactor). While it is, the profile’s last second factor cannot be removed: do ' +
      'not offer to turn 2FA off.',
  })
  @PastSecondFactor()
  twoFactorRequired(@Root() user: User, @Ctx() ctx: Context): boolean | Promise<boolean> {
    return twoFactorOf(ctx, user, 'required');
  }

  @FieldResolver(() => [TwoFactorMethod], {
    description:
      'The second factors the profile has set up. One its user type no longer allows still ' +
      'guards sign-in, but no longer counts as 2FA set up (see allowedTwoFactorMethods).',
  })
  @PastSecondFactor()
  twoFactorMethods(
    @Root() user: User,
    @Ctx() ctx: Context,
  ): TwoFactorMethod[] | Promise<TwoFactorMethod[]> {
    return twoFactorOf(ctx, user, 'methods');
  }

  @FieldResolver(() => Int, {
    description: 'Unused backup codes left; warn the user when 3 or fewer remain.',
  })
  @PastSecondFactor()
  backupCodesRemaining(@Root() user: User, @Ctx() ctx: Context): number | Promise<number> {
    return twoFactorOf(ctx, user, 'backupCodesRemaining');
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'While 2FA is required and not set up: the date after which sign-in demands enrollment.',
  })
  @PastSecondFactor()
  enrollmentDeadline(@Root() user: User, @Ctx() ctx: Context): Date | null | Promise<Date | null> {
    return twoFactorOf(ctx, user, 'enrollmentDeadline');
  }

  @FieldResolver(() => [TwoFactorMethod], {
    description: 'The second factors the profile’s user type lets it set up.',
  })
  @PastSecondFactor()
  allowedTwoFactorMethods(
    @Root() user: User,
    @Ctx() ctx: Context,
  ): TwoFactorMethod[] | Promise<TwoFactorMethod[]> {
    return twoFactorOf(ctx, user, 'allowedMethods');
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the profile has an authenticator app or a phone: something the user has. A PIN ' +
      'alone is a second thing the user knows, like the password, and counts apart in reports.',
  })
  @PastSecondFactor()
  hasPossessionFactor(@Root() user: User, @Ctx() ctx: Context): boolean | Promise<boolean> {
    return twoFactorOf(ctx, user, 'hasPossessionFactor');
  }

  @FieldResolver(() => Invitation, {
    nullable: true,
    description:
      'The invitation waiting to be accepted, expired or not (compare `expiresAt`); null when none is: never sent, ' +
      'accepted or revoked. Owners and Administrators only (FORBIDDEN otherwise).',
  })
  @Active(Permission.USERS_MANAGE)
  invitation(@Root() user: User): Invitation | null {
    return pendingInvitationOf(user);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When an invitation was last mailed to the profile, whatever became of it; null when it never was (created ' +
      'with `sendInvitation: false` and not invited since). With `invitation` null on an INVITED user, a date here ' +
      'means the invitation was revoked. Owners and Administrators only (FORBIDDEN otherwise).',
  })
  @Active(Permission.USERS_MANAGE)
  invitedAt(@Root() user: User): Date | null {
    return user.invitedAt;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The confirmed SMS number, masked (`+44 •••• ••3456`); only on the caller’s own profile, ' +
      'null elsewhere and without a number.',
  })
  @PastSecondFactor()
  async maskedPhoneNumber(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string | null> {
    if (caller.user?.id !== user.id) return null;
    return ctx.services.sms.maskedNumber(user.id);
  }
}
