import { Field, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';
import { SessionView } from '../../auth/dto/session.type';

@ObjectType({
  description:
    'A started authenticator-app enrollment: show the QR code and the manual key, then confirm with a code.',
})
@Inherit()
export class AuthenticatorEnrollment {
  @Field({
    description:
      'The `otpauth://totp/…` URI (issuer = account name, label = login email) the QR code encodes.',
  })
  otpauthUri: string;

  @Field({ description: 'The URI as a QR code: a `data:image/png;base64,…` URL for an <img>.' })
  qrCodeDataUrl: string;

  @Field({
    description: 'The secret in groups of four characters, for typing into an app by hand.',
  })
  manualEntryKey: string;
}

@ObjectType({ description: 'The result of a confirmed enrollment.' })
@Inherit()
export class EnrollmentResult {
  @Field(() => [String], {
    description:
      'Ten single-use backup codes, shown this once ("I have saved them"); empty when the profile still has unused ones.',
  })
  backupCodes: string[];

  @Field(() => SessionView, { description: 'The session, now past its second factor.' })
  session: SessionView;
}
