import { SecondFactorKind, TokenTransport } from '@twofold/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description:
    'One second factor a user holds, as their administrators see it: never a secret, a full phone ' +
    'number or a code. A user’s backup codes are one entry.',
})
@Inherit()
export class SecondFactorInfo {
  @Field(() => ID, {
    description: 'Opaque; pass it in `resetTwoFactor(factorIds)` to remove just this factor.',
  })
  id: string;

  @Field(() => SecondFactorKind, { description: 'What the factor is.' })
  kind: SecondFactorKind;

  @Field(() => String, {
    nullable: true,
    description:
      'A phone’s number, masked to its last four digits (`+44 •••• ••3456`); null for the other kinds.',
  })
  label: string | null;

  @Field({
    description: 'When it was set up (for backup codes: when the current set was issued).',
  })
  addedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When a code of it was last accepted once it was set up; null when no use is recorded ' +
      '(factors set up before uses were recorded show null until their next use).',
  })
  lastUsedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Backup codes only: how many are still unused. Null for the other kinds.',
  })
  unusedCodes: number | null;
}

@ObjectType({
  description:
    'A locked second-factor step: five wrong codes in a row lock it for a while (doubling each ' +
    'time), a hundred disable it until an administrator unlocks or resets it.',
})
@Inherit()
export class SecondFactorLockout {
  @Field(() => Date, {
    nullable: true,
    description: 'When the running lock ends by itself; null when the step is disabled.',
  })
  lockedUntil: Date | null;

  @Field({
    description: 'A hundred wrong codes in a row: only unlockTwoFactor or a reset lifts it.',
  })
  disabled: boolean;

  @Field(() => Int, { description: 'Wrong codes since the last right one.' })
  failedAttempts: number;
}

@ObjectType({
  description:
    'One open session of a user, as their administrators see it: the browser in words, never ' +
    'the raw user agent.',
})
@Inherit()
export class UserSession {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field({
    description:
      'The browser and system in words (“Chrome on Linux”), or “Unknown browser” when the client ' +
      'names none we know (curl, scripts).',
  })
  browser: string;

  @Field(() => TokenTransport, { description: 'Browser cookie or API bearer token.' })
  transport: TokenTransport;

  @Field({ description: 'When it was opened (signed in).' })
  createdAt: Date;

  @Field({ description: 'Last request seen (updated at most once a minute).' })
  lastSeenAt: Date;

  @Field(() => String, { nullable: true, description: 'The IP address it was opened from.' })
  ip: string | null;
}
