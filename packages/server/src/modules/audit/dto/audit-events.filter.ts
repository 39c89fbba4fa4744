import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Conditions that narrow the audit log; all given ones must hold.' })
export class AuditEventsFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only events with exactly this action, e.g. `two_factor.reset`.',
  })
  action?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only events this user did or that were done to this user (a user of the account).',
  })
  userId?: string | null;
}
