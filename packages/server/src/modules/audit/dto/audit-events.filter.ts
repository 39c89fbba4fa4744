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

  @Field(() => Date, {
    nullable: true,
    description: 'Only events at or after this instant.',
  })
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Only events at or before this instant; not before `from` (BAD_USER_INPUT on `filter.to`).',
  })
  to?: Date | null;
}
