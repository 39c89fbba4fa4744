import { Field, ID, ObjectType } from 'type-graphql';
import { Inherit } from '../../../../graphql/access';

@ObjectType({
  description:
    'A passkey (WebAuthn credential) of a profile: its name and use, never key material ' +
    '(docs/design.md, Passkeys).',
})
@Inherit()
export class Passkey {
  @Field(() => ID, {
    description:
      'Pass it to renamePasskey or removePasskey; in `User.secondFactors` the same passkey is `passkey:<id>`.',
  })
  id: string;

  @Field({ description: 'The name the user gave it ("Work laptop"), 1–64 characters.' })
  name: string;

  @Field({ description: 'When it was registered.' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it last signed in or confirmed a change; null until its first use.',
  })
  lastUsedAt: Date | null;

  @Field(() => [String], {
    description:
      'How the browser reaches it (`internal`, `hybrid`, `usb`, `nfc`, `ble`), as it said.',
  })
  transports: string[];

  @Field({ description: 'It is backed up now (a synced passkey).' })
  backedUp: boolean;

  @Field({ description: 'It may be synced between devices (backup eligible).' })
  multiDevice: boolean;
}
