import {
  SecondFactorKind,
  SecondFactorWaiver,
  SessionStage,
  TokenTransport,
  TwoFactorMethod,
  UserType,
} from '@twofold/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';
import { User } from '../../user/user.entity';

@ObjectType({ description: 'A profile the signed-in login can choose at PROFILE_SELECTION.' })
@Inherit()
export class Profile {
  @Field(() => ID, { description: 'Pass to selectProfile.' })
  userId: string;

  @Field({ description: 'The account the profile belongs to.' })
  accountName: string;

  @Field({ description: 'The profile’s display name.' })
  displayName: string;

  @Field(() => UserType, { description: 'The profile’s user type.' })
  userType: UserType;
}

@ObjectType({ description: 'Two-factor authentication the profile must set up.' })
@Inherit()
export class EnrollmentRequirement {
  @Field(() => [TwoFactorMethod], { description: 'Methods the account allows for this profile.' })
  allowedMethods: TwoFactorMethod[];

  @Field(() => Date, {
    nullable: true,
    description: 'Until when sign-in works without 2FA; past or null: enrollment is due now.',
  })
  deadline: Date | null;

  @Field({
    description:
      'True when `deadline` passed before this session began: a grace period ran out unused, so say when it ' +
      'ended. False at a first sign-in, whose grace period starts then (a type without one enrolls at once): ' +
      'show no past deadline.',
  })
  deadlineMissed: boolean;
}

@ObjectType('Session', {
  description: 'The caller’s session. Its stage is re-evaluated on every request.',
})
@Inherit()
export class SessionView {
  @Field(() => SessionStage, { description: 'What the session may do now.' })
  stage: SessionStage;

  @Field(() => String, {
    nullable: true,
    description:
      'The OpenID provider the session was signed in with (its display name); null after a password.',
  })
  identityProviderName: string | null;

  @Field(() => SecondFactorWaiver, {
    nullable: true,
    description:
      'Set once a profile is selected when the OpenID provider stands in for Twofold’s second factor; null ' +
      'when Twofold’s own rules apply.',
  })
  waiver: SecondFactorWaiver | null;

  @Field({ description: 'When the session ends unless used (idle) or at the latest (absolute).' })
  expiresAt: Date;

  @Field(() => TokenTransport, { description: 'How the session token travels.' })
  transport: TokenTransport;

  @Field(() => [Profile], {
    description: 'Filled at PROFILE_SELECTION: the profiles to choose from.',
  })
  profiles: Profile[];

  @Field(() => User, { nullable: true, description: 'The selected profile.' })
  user: User | null;

  @Field(() => [SecondFactorKind], {
    description: 'Filled at SECOND_FACTOR: what verifySecondFactor accepts.',
  })
  availableSecondFactors: SecondFactorKind[];

  @Field(() => Int, {
    description:
      'Filled at SECOND_FACTOR: for how many days `verifySecondFactor(rememberBrowser: true)` remembers ' +
      'this browser, so that it skips the second factor at sign-in; 0 = the profile’s type does not ' +
      'remember browsers (or the session is a bearer one, or opened by an EXEMPT identity provider): ' +
      'hide “Remember this browser”.',
  })
  rememberBrowserDays: number;

  @Field(() => EnrollmentRequirement, {
    nullable: true,
    description: 'Filled in ENROLLMENT and while a grace period runs.',
  })
  enrollment: EnrollmentRequirement | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Unused backup codes of an ACTIVE profile with two-factor authentication (null otherwise); ' +
      'warn the user when 3 or fewer remain.',
  })
  backupCodesRemaining: number | null;

  @Field({
    description:
      'True when 3 or fewer backup codes remain: show a warning and offer regenerateBackupCodes.',
  })
  backupCodesLow: boolean;
}

@ObjectType({ description: 'The result of signIn.' })
@Inherit()
export class SignInPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The bearer token (transport BEARER only; shown once). Send as `Authorization: Bearer <token>`.',
  })
  token: string | null;

  @Field(() => SessionView, { description: 'The new session.' })
  session: SessionView;
}
