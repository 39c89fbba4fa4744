import { SecondFactorKind, SessionStage } from '@twofold/shared';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { secureCookies, serializeCookie } from '../../http/cookies';
import { Active, Allow } from '../../graphql/access';
import type { SessionDescription } from '../auth/session-view.service';
import type { Caller, CallerChange } from '../auth/caller';
import type { EnrollmentOutcome } from './enrollment';
import { CurrentCaller } from '../../graphql/caller-seam';
import { SessionView } from '../auth/dto/session.type';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { AuthenticatorEnrollment, EnrollmentResult } from './dto/two-factor.type';

const enrollmentStages = [SessionStage.ENROLLMENT, SessionStage.ACTIVE];
/** docs/design.md, Second-factor rules: a user who lost their phone links a new app from SECOND_FACTOR, with a link. */
const linkEnrollmentStages = [SessionStage.SECOND_FACTOR, ...enrollmentStages];
const PIN_RULES =
  '4 to 8 digits; not one digit repeated, not a run such as 1234 or 9876, not a repeated pair ' +
  'such as 1212, not a year such as 1990';

@Resolver()
export class TwoFactorResolver {
  @Mutation(() => AuthenticatorEnrollment, {
    description:
      'Starts linking an authenticator app: returns the QR code and manual key of a new secret. ' +
      'Calling it again replaces the unconfirmed secret. Without `linkToken`: CONFLICT when an app is ' +
      'already linked, FORBIDDEN when the user type does not allow it. At SECOND_FACTOR only with ' +
      '`linkToken` (a user who lost the phone holding their app).',
  })
  @Allow(linkEnrollmentStages)
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
      'attempts count in the lockout). Returns backup codes once and the session, now ACTIVE. ' +
      'At SECOND_FACTOR only for an enrollment begun with a link; the old app stops working only now.',
  })
  @Allow(linkEnrollmentStages)
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
      'The second-factor step of sign-in. INVALID_CODE for a wrong, malformed or already used code, ' +
      'with `extensions.attemptsRemaining` (wrong codes left before the next lock; at 0 this code ' +
      'locked the step and `retryAfterSeconds` says for how long); 5 consecutive failures lock the ' +
      'step (TOO_MANY_ATTEMPTS with retryAfterSeconds, doubling on repeat), 100 disable it until ' +
      'an administrator resets it. Every call counts, aliases included. Null only together with ' +
      'an error.',
  })
  @Allow([SessionStage.SECOND_FACTOR])
  async verifySecondFactor(
    @Arg('kind', () => SecondFactorKind, {
      description: 'One of `session.availableSecondFactors`.',
    })
    kind: SecondFactorKind,
    @Arg('code', {
      description:
        'The code; backup codes ignore case, spaces and dashes. For PASSKEY: the browser’s ' +
        'AuthenticationResponseJSON (a JSON string) answering beginPasskeyAuthentication.',
    })
    code: string,
    @Arg('rememberBrowser', {
      defaultValue: false,
      description:
        '“Remember this browser”: once the code is right, the browser skips the second factor of ' +
        'this profile at sign-in for `session.rememberBrowserDays` days (an HttpOnly cookie of its ' +
        'own). Ignored where `session.rememberBrowserDays` is 0: the type does not remember browsers, ' +
        'a bearer session (no cookie to keep), a session of an EXEMPT identity provider.',
    })
    rememberBrowser: boolean,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<SessionDescription>> {
    const { change, deviceCookie } = await ctx.services.twoFactor.verifySecondFactor(
      caller,
      kind,
      code,
      ctx.meta,
      { rememberBrowser },
    );
    if (deviceCookie) {
      ctx.reply.header(
        'Set-Cookie',
        serializeCookie(deviceCookie.name, deviceCookie.value, {
          secure: secureCookies(ctx.services.config.publicUrl),
          maxAge: deviceCookie.maxAgeSeconds,
        }),
      );
    }
    return change;
  }

  @Mutation(() => [String], {
    description:
      'Voids every backup code and returns ten new ones, shown once. Needs a current code of any ' +
      'of the profile’s methods, or a backup code.',
  })
  @Active(Permission.SELF)
  async regenerateBackupCodes(
    @Arg('code', {
      description:
        'A current code of any method of the profile, a backup code, or a passkey’s answer ' +
        '(JSON, to beginPasskeyAuthentication).',
    })
    code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string[]> {
    return ctx.services.backupCodes.regenerate(caller, code, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Turns two-factor authentication off for the caller’s profile (removes the app and backup codes). ' +
      'CONFLICT while it is required for the profile. Needs a current code of any of the ' +
      'profile’s methods (authenticator, SMS, PIN) or a backup code.',
  })
  @Active(Permission.SELF)
  async disableTwoFactor(
    @Arg('code', {
      description:
        'A current code of any method of the profile, a backup code, or a passkey’s answer ' +
        '(JSON, to beginPasskeyAuthentication).',
    })
    code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.twoFactor.disableTwoFactor(caller, code, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Starts linking a mobile phone for SMS codes: the number is checked (valid, mobile, not ' +
      'premium-rate, in the account’s allowed countries) and a 6-digit code is sent to it, valid 10 ' +
      'minutes. At most 3 codes per number per 15 minutes (TOO_MANY_ATTEMPTS); SMS_UNAVAILABLE when ' +
      'the provider does not take the message (then nothing is stored or counted). Changing a ' +
      'confirmed number needs `code`.',
  })
  @Allow(enrollmentStages)
  async beginSmsEnrollment(
    @Arg('countryCode', {
      description: 'The country: a calling code such as `+44`, or a region such as `GB`.',
    })
    countryCode: string,
    @Arg('phoneNumber', { description: 'The mobile number, national or international.' })
    phoneNumber: string,
    @Arg('code', () => String, {
      nullable: true,
      description:
        'Changing a confirmed number only: a current code of any method, a backup code, or a ' +
        'passkey’s answer (JSON, to beginPasskeyAuthentication).',
    })
    code: string | null | undefined,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.services.sms.beginEnrollment(caller, { countryCode, phoneNumber, code }, ctx.meta);
    return true;
  }

  @Mutation(() => EnrollmentResult, {
    description:
      'Confirms the number with the code it received (INVALID_CODE otherwise; attempts count in ' +
      'the lockout). Returns backup codes once and the session, now ACTIVE.',
  })
  @Allow(enrollmentStages)
  async confirmSmsEnrollment(
    @Arg('code', { description: 'The 6-digit code of the text message.' }) code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<EnrollmentOutcome>> {
    return ctx.services.sms.confirmEnrollment(caller, code, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Sends a sign-in code to the profile’s confirmed number (then verifySecondFactor with kind ' +
      'SMS); a new code voids the previous one. At most 3 per number per 15 minutes ' +
      '(TOO_MANY_ATTEMPTS); SMS_UNAVAILABLE when the provider is down (nothing counted).',
  })
  @Allow([SessionStage.SECOND_FACTOR, SessionStage.ACTIVE])
  async sendSmsCode(@CurrentCaller() caller: Caller, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.sms.sendCode(caller, ctx.meta);
  }

  @Mutation(() => EnrollmentResult, {
    description:
      'Sets the profile’s PIN code, typed twice. A PIN is another knowledge factor (something the ' +
      'user knows, like the password), weaker than an authenticator app or a phone: consoles label ' +
      `it "PIN code (additional verification)". Rules: ${PIN_RULES}. CONFLICT when a PIN is set ` +
      '(use changePin).',
  })
  @Allow(enrollmentStages)
  async setPin(
    @Arg('pin', { description: 'The new PIN.' }) pin: string,
    @Arg('pinConfirmation', { description: 'The same PIN again.' }) pinConfirmation: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<EnrollmentOutcome>> {
    return ctx.services.pins.setPin(caller, pin, pinConfirmation, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Changes the PIN code. A wrong `currentPin` is INVALID_CODE and counts in the lockout like ' +
      `any wrong code. Rules for the new PIN: ${PIN_RULES}.`,
  })
  @Active(Permission.SELF)
  async changePin(
    @Arg('currentPin', { description: 'The PIN in use now.' }) currentPin: string,
    @Arg('newPin', { description: 'The new PIN.' }) newPin: string,
    @Arg('newPinConfirmation', { description: 'The new PIN again.' }) newPinConfirmation: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.pins.changePin(
      caller,
      { currentPin, newPin, newPinConfirmation },
      ctx.meta,
    );
  }
}
