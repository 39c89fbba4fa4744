import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';

/** Administrators' two-factor operations on other users: transport only. */
@Resolver()
export class AdminTwoFactorResolver {
  @Mutation(() => User, {
    description:
      'Resets another user’s two-factor authentication: removes their authenticator and backup codes, signs ' +
      'them out everywhere and emails them; they link an authenticator again at their next sign-in. Owners and ' +
      'Administrators (not on an owner, never on themselves). An administrator who has a second factor confirms ' +
      'with `code` (BAD_USER_INPUT on `code` when missing, INVALID_CODE when wrong). With `factorIds`, only ' +
      'those factors go (the user is still signed out and emailed; a lockout stays, see unlockTwoFactor); even ' +
      'the last one where 2FA is required, and the user then sets up again at their next sign-in.',
  })
  @Active(Permission.TWO_FACTOR_ADMIN)
  async resetTwoFactor(
    @Arg('userId', () => ID, { description: 'The user whose 2FA is reset.' }) userId: string,
    @Arg('reason', () => String, {
      description: 'Why (1–500 characters); kept in the audit log.',
    })
    reason: string,
    @Arg('code', () => String, {
      nullable: true,
      description:
        'The current code of the caller’s own second factor, when they have one (or a passkey’s ' +
        'answer, JSON, to beginPasskeyAuthentication).',
    })
    code: string | null,
    @Arg('factorIds', () => [ID], {
      nullable: true,
      description:
        'Ids of `User.secondFactors` to remove, leaving the others; all of them when left out. An id ' +
        'that is not one of this user’s factors answers BAD_USER_INPUT on `factorIds` and changes nothing.',
    })
    factorIds: string[] | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.adminTwoFactor.reset(caller, userId, reason, code, ctx.meta, factorIds);
  }

  @Mutation(() => User, {
    description:
      'Lifts another user’s second-factor lockout — the lock after five wrong codes, or the disable after a ' +
      'hundred — and starts their count of wrong codes over; their factors stay. CONFLICT (reason NOT_LOCKED) ' +
      'when nothing is locked. Same rules as resetTwoFactor, without a code.',
  })
  @Active(Permission.TWO_FACTOR_ADMIN)
  async unlockTwoFactor(
    @Arg('userId', () => ID, { description: 'The user to unlock.' }) userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.adminTwoFactor.unlock(caller, userId, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Emails another user a single-use link (PUBLIC_URL/enroll/<token>, valid 72 hours) that starts a fresh ' +
      'authenticator enrollment once they sign in with their password. Never emails a secret or a QR image; a new ' +
      'link voids the previous one. Same rules as resetTwoFactor.',
  })
  @Active(Permission.TWO_FACTOR_ADMIN)
  async resendEnrollment(
    @Arg('userId', () => ID, { description: 'The user to send the link to.' }) userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.adminTwoFactor.resendEnrollment(caller, userId, ctx.meta);
  }
}
