import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** A tenant: everything else belongs to exactly one account. */
@Entity({ name: 'accounts' })
export class Account extends WithUuid {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_accounts_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  logoUrl: string | null;

  /** ISO 3166-1 alpha-2 codes SMS codes may be sent to. */
  @Column({ type: 'simple-json' })
  allowedSmsCountries: string[];

  @TimestampColumn()
  createdAt: Date;
}
