import { TwoFactorMethod, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Inherit, PastSecondFactor } from '../../graphql/access';
import { Account } from '../account/account.entity';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { User } from './user.entity';
import { userLoaders } from './user.loaders';

/** Computed fields of every User, batched per request. */
@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => String, { description: 'The login email of the profile.' })
  @PastSecondFactor()
  async email(@Root() user: User, @Ctx() ctx: Context): Promise<string> {
    // lists and the caller's own profile come with their login's email
    return user.identity?.email ?? (await userLoaders(ctx).identity.load(user.identityId)).email;
  }

  @FieldResolver(() => Account, { description: 'The account of the profile.' })
  @Inherit()
  async account(@Root() user: User, @Ctx() ctx: Context): Promise<Account> {
    return user.account ?? userLoaders(ctx).account.load(user.accountId);
  }

  @FieldResolver(() => Boolean, {
    description: 'An administrator turned on “Enable 2-Factor Authentication for this user”.',
  })
  @PastSecondFactor()
  requireTwoFactor(@Root() user: User): boolean {
    return user.twoFactorRequirement === TwoFactorRequirement.REQUIRED;
  }

  @FieldResolver(() => TwoFactorStatus, {
    description: 'The profile’s 2FA situation under its current policy.',
  })
  @PastSecondFactor()
  async twoFactorStatus(@Root() user: User, @Ctx() ctx: Context): Promise<TwoFactorStatus> {
    return (await userLoaders(ctx).twoFactor.load(user)).status;
  }

  @FieldResolver(() => [TwoFactorMethod], {
    description:
      'The second factors the profile has set up. One its user type no longer allows still ' +
      'guards sign-in, but no longer counts as 2FA set up (see allowedTwoFactorMethods).',
  })
  @PastSecondFactor()
  async twoFactorMethods(@Root() user: User, @Ctx() ctx: Context): Promise<TwoFactorMethod[]> {
    return (await userLoaders(ctx).twoFactor.load(user)).methods;
  }

  @FieldResolver(() => Int, {
    description: 'Unused backup codes left; warn the user when 3 or fewer remain.',
  })
  @PastSecondFactor()
  async backupCodesRemaining(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await userLoaders(ctx).twoFactor.load(user)).backupCodesRemaining;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'While 2FA is required and not set up: the date after which sign-in demands enrollment.',
  })
  @PastSecondFactor()
  async enrollmentDeadline(@Root() user: User, @Ctx() ctx: Context): Promise<Date | null> {
    return (await userLoaders(ctx).twoFactor.load(user)).enrollmentDeadline;
  }

  @FieldResolver(() => [TwoFactorMethod], {
    description: 'The second factors the profile’s user type lets it set up.',
  })
  @PastSecondFactor()
  async allowedTwoFactorMethods(
    @Root() user: User,
    @Ctx() ctx: Context,
  ): Promise<TwoFactorMethod[]> {
    return (await userLoaders(ctx).twoFactor.load(user)).allowedMethods;
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the profile has an authenticator app or a phone: something the user has. A PIN ' +
      'alone is a second thing the user knows, like the password, and counts apart in reports.',
  })
  @PastSecondFactor()
  async hasPossessionFactor(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return (await userLoaders(ctx).twoFactor.load(user)).hasPossessionFactor;
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
