import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../db/columns';

/**
 * A fixed-window failure counter shared by every server instance (password attempts per email
 * and per IP). Keys never hold an email in clear: they carry its SHA-256.
 */
@Entity({ name: 'rate_limits' })
export class RateLimit {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  bucket: string;

  @Column({ type: 'int' })
  count: number;

  @Index('ix_rate_limits_window')
  @TimestampColumn()
  windowStartedAt: Date;
}
