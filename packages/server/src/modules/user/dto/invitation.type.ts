import { Field, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description:
    'An invitation waiting to be accepted: the link mailed to an invited profile, until it is accepted or revoked. ' +
    'An expired one stays until an administrator sends a new one or revokes it.',
})
@Inherit()
export class Invitation {
  @Field({ description: 'When the link was mailed (createUser or resendInvitation).' })
  sentAt: Date;

  @Field({
    description:
      'When the link stops working (72 hours after `sentAt`); past it, acceptInvitation refuses the link like any ' +
      'invalid one and only a new invitation lets the person in.',
  })
  expiresAt: Date;
}
