import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** A login: one email and password, possibly holding several profiles (users). */
@Entity({ name: 'identities' })
export class Identity extends WithUuid {
  /** Stored lower-cased: unique without regard to case on every dialect. */
  @Index('uq_identities_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id; null until an invitation is accepted. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @TimestampColumn({ nullable: true })
  emailVerifiedAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
