import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** Who did what to what, when and from where. Never holds a secret. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_account_time', ['accountId', 'createdAt', 'id'])
export class AuditEvent extends WithUuid {
  /** Null for events that belong to no account (a failed sign-in for an unknown email). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorIdentityId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Index('ix_audit_events_target')
  @Column({ type: 'varchar', length: 36, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @TimestampColumn()
  createdAt: Date;
}
