import { SecondFactorKind, SessionStage } from '@twofold/shared';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Allow } from '../../graphql/access';
import type { SessionDescription } from '../auth/auth.service';
import type { Caller, CallerChange } from '../auth/caller';
import type { EnrollmentOutcome } from './authenticator/authenticator-enrollment.service';
import { CurrentCaller } from '../../graphql/caller-seam';
import { SessionView } from '../auth/dto/session.type';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { AuthenticatorEnrollment, EnrollmentResult } from './dto/two-factor.type';

const enrollmentStages = [SessionStage.ENROLLMENT, SessionStage.ACTIVE];

@Resolver()
export class TwoFactorResolver {
  @Mutation(() => AuthenticatorEnrollment, {
    description:
      'Starts linking an authenticator app: returns the QR code and manual key of a new secret. ' +
      'Calling it again replaces the unconfirmed secret. Without `linkToken`: CONFLICT when an app is ' +
      'already linked, FORBIDDEN when the user type does not allow it.',
  })
  @Allow(enrollmentStages)
  async beginAuthenticatorEnrollment(
    @Arg('linkToken', () => String, {
      nullable: true,
      description:
        'The token of an enrollment link (PUBLIC_URL/enroll/<token>) sent by an administrator; ' +
        'used up here, and allows replacing a linked app. An invalid link is BAD_USER_INPUT on `linkToken`.',
    })
    linkToken: string | null | undefined,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AuthenticatorEnrollment> {
    return ctx.services.authenticatorEnrollment.begin(caller, linkToken, ctx.meta);
  }

  @Mutation(() => EnrollmentResult, {
    description:
      'Confirms the started enrollment with the first code the app shows (INVALID_CODE otherwise; ' +
      'attempts count in the lockout). Returns backup codes once and the session, now ACTIVE.',
  })
  @Allow(enrollmentStages)
  async confirmAuthenticatorEnrollment(
    @Arg('code', { description: 'The 6-digit code shown by the app.' }) code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<EnrollmentOutcome>> {
    return ctx.services.authenticatorEnrollment.confirm(caller, code, ctx.meta);
  }

  @Mutation(() => SessionView, {
    // nullable so that a failing alias does not abort the others: every alias of a request is
    // executed, and counted, as one attempt
    nullable: true,
    description:
      'The second-factor step of sign-in. INVALID_CODE for a wrong, malformed or already used code; ' +
      '5 consecutive failures lock the step (TOO_MANY_ATTEMPTS with retryAfterSeconds, doubling on ' +
      'repeat), 100 disable it until an administrator resets it. Every call counts, aliases ' +
      'included. Null only together with an error.',
  })
  @Allow([SessionStage.SECOND_FACTOR])
  async verifySecondFactor(
    @Arg('kind', () => SecondFactorKind, {
      description: 'One of `session.availableSecondFactors`.',
    })
    kind: SecondFactorKind,
    @Arg('code', {
      description: 'The code; backup codes ignore case, spaces and dashes.',
    })
    code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<SessionDescription>> {
    return ctx.services.twoFactor.verifySecondFactor(caller, kind, code, ctx.meta);
  }

  @Mutation(() => [String], {
    description:
      'Voids every backup code and returns ten new ones, shown once. Needs a current authenticator code.',
  })
  @Active(Permission.SELF)
  async regenerateBackupCodes(
    @Arg('code', { description: 'A current code of the authenticator app.' }) code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string[]> {
    return ctx.services.backupCodes.regenerate(caller, code, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Turns two-factor authentication off for the caller’s profile (removes the app and backup codes). ' +
      'CONFLICT while it is required for the profile. Needs a current authenticator code.',
  })
  @Active(Permission.SELF)
  async disableTwoFactor(
    @Arg('code', { description: 'A current code of the authenticator app.' }) code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.twoFactor.disableTwoFactor(caller, code, ctx.meta);
  }
}
