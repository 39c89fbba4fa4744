import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Identity } from '../identity/identity.entity';
import { User } from '../user/user.entity';

/**
 * A browser remembered after a second factor (docs/design.md, Remembered browsers): its device
 * token skips the second factor of one profile of one login until `expiresAt`. Only the token's
 * SHA-256 is stored.
 */
@Entity({ name: 'remembered_devices' })
@Index('ix_remembered_devices_user', ['userId', 'expiresAt'])
export class RememberedDevice extends WithUuid {
  @Index('uq_remembered_devices_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The login that ticked "Remember this browser". */
  @Index('ix_remembered_devices_identity')
  @Column({ type: 'varchar', length: 36 })
  identityId: string;

  @ManyToOne(() => Identity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityId' })
  identity?: Identity;

  /** The profile whose second factor it skips. */
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** The browser in words ("Chrome on Linux"), from the user agent when it was remembered. */
  @Column({ type: 'varchar', length: 128 })
  browser: string;

  /** The client address when it was remembered. */
  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  @Index('ix_remembered_devices_expires')
  @TimestampColumn()
  expiresAt: Date;
}
