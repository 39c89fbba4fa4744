import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Inherit } from '../../graphql/access';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** Who did what to what, when and from where. Never holds a secret. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_account_time', ['accountId', 'createdAt', 'id'])
// the log narrowed by action or by user reads in its order (docs/design.md, Lists at scale)
@Index('ix_audit_events_account_action_time', ['accountId', 'action', 'createdAt', 'id'])
@Index('ix_audit_events_account_actor_time', ['accountId', 'actorUserId', 'createdAt', 'id'])
@Index('ix_audit_events_account_target_time', ['accountId', 'targetId', 'createdAt', 'id'])
// the purge finds events past the retention across accounts
@Index('ix_audit_events_time', ['createdAt'])
@ObjectType({
  description: 'One recorded change or sign-in. Never holds a secret, code or password.',
})
@Inherit()
export class AuditEvent extends WithUuid {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  /** Null for events that belong to no account (a failed sign-in for an unknown email). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The profile that acted; null for system events and unknown logins.',
  })
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorIdentityId: string | null;

  @Field({ description: 'What happened, e.g. `auth.signed_in`, `user.updated`, `app.created`.' })
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Field(() => String, {
    nullable: true,
    description: 'Kind of object acted on (`User`, `App`, …).',
  })
  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the object acted on.' })
  @Index('ix_audit_events_target')
  @Column({ type: 'varchar', length: 36, nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true, description: 'Client IP address of the request.' })
  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Extra facts, such as the names of changed fields.',
  })
  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @Field({ description: 'When it happened.' })
  @TimestampColumn()
  createdAt: Date;
}
