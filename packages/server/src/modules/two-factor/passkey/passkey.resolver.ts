import { SessionStage } from '@twofold/shared';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Active, Allow } from '../../../graphql/access';
import { CurrentCaller } from '../../../graphql/caller-seam';
import type { Context } from '../../../graphql/context';
import type { Caller, CallerChange } from '../../auth/caller';
import { Permission } from '../../auth/permissions';
import { User } from '../../user/user.entity';
import { EnrollmentResult } from '../dto/two-factor.type';
import type { EnrollmentOutcome } from '../enrollment';
import { Passkey } from './dto/passkey.type';
import type { PasskeyFactor } from './passkey.entities';

/** docs/design.md, Passkeys: the ceremonies and the profile's own management, transport only. */
@Resolver()
export class PasskeyResolver {
  @Mutation(() => String, {
    description:
      'Starts registering a passkey: PublicKeyCredentialCreationOptionsJSON as a JSON string, for ' +
      '`navigator.credentials.create()` (e.g. @simplewebauthn/browser startRegistration). Its ' +
      'challenge works once, for 5 minutes, from this session; a new call voids the previous one. ' +
      'FORBIDDEN (TWO_FACTOR_OFF, METHOD_NOT_ALLOWED) when the user type does not allow passkeys.',
  })
  @Allow([SessionStage.ENROLLMENT, SessionStage.ACTIVE])
  async beginPasskeyRegistration(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return ctx.services.passkeys.beginRegistration(caller);
  }

  @Mutation(() => EnrollmentResult, {
    description:
      'Registers the browser’s answer to beginPasskeyRegistration. BAD_USER_INPUT on `name` for ' +
      'an empty or too long name; on `response` with a reason (PASSKEY_CHALLENGE_INVALID, ' +
      'PASSKEY_CHALLENGE_EXPIRED, PASSKEY_ORIGIN, PASSKEY_RP_ID, PASSKEY_USER_NOT_VERIFIED, ' +
      'PASSKEY_MALFORMED) when it cannot be registered; CONFLICT (PASSKEY_ALREADY_REGISTERED) ' +
      'for a credential registered already. The first second factor of the profile returns ' +
      'backup codes once, and the session moves on.',
  })
  @Allow([SessionStage.ENROLLMENT, SessionStage.ACTIVE])
  async finishPasskeyRegistration(
    @Arg('name', { description: 'What the user calls it ("Work laptop"), 1–64 characters.' })
    name: string,
    @Arg('response', {
      description: 'The RegistrationResponseJSON the browser returned, as a JSON string.',
    })
    response: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<EnrollmentOutcome>> {
    return ctx.services.passkeys.finishRegistration(caller, name, response, ctx.meta);
  }

  @Mutation(() => String, {
    description:
      'Starts a passkey check: PublicKeyCredentialRequestOptionsJSON as a JSON string (the ' +
      'profile’s passkeys with their transports, user verification required), for ' +
      '`navigator.credentials.get()`. Answer with verifySecondFactor(kind: PASSKEY) at ' +
      'SECOND_FACTOR, or pass the answer as the `code` of an operation that asks for a current ' +
      'code. Its challenge works once, for 5 minutes, from this session; a new call voids the ' +
      'previous one. CONFLICT (NOT_ENROLLED) when the profile has no passkey.',
  })
  @Allow([SessionStage.SECOND_FACTOR, SessionStage.ACTIVE])
  async beginPasskeyAuthentication(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return ctx.services.passkeyAssertions.begin(caller);
  }

  @Mutation(() => Passkey, {
    description:
      'Renames one of the caller’s own passkeys. NOT_FOUND on `id` for anything else; ' +
      'BAD_USER_INPUT on `name`.',
  })
  @Active(Permission.SELF)
  async renamePasskey(
    @Arg('id', () => ID, { description: 'The passkey’s `Passkey.id`.' }) id: string,
    @Arg('name', { description: '1–64 characters.' }) name: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<PasskeyFactor> {
    return ctx.services.passkeys.rename(caller, id, name, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Removes one of the caller’s own passkeys. Needs a current second factor (`code`: any ' +
      'method’s code, a backup code, or a passkey’s answer). CONFLICT (TWO_FACTOR_REQUIRED) when ' +
      '2FA is required of the profile, or its type is phishing-resistant only, and nothing that ' +
      'counts would be left; NOT_FOUND on `id`.',
  })
  @Active(Permission.SELF)
  async removePasskey(
    @Arg('id', () => ID, { description: 'The passkey’s `Passkey.id`.' }) id: string,
    @Arg('code', {
      description: 'A current code of any method, a backup code, or a passkey’s answer (JSON).',
    })
    code: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.passkeys.remove(caller, id, code, ctx.meta);
  }
}
