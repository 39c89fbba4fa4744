import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../db/columns';

/**
 * A named lease that one replica holds at a time, taken and renewed by conditional writes. Not
 * GET_LOCK: MariaDB Galera keeps named locks on one node, so two replicas on two nodes would both
 * get one; a row write is certified cluster-wide, and works on SQLite too.
 */
@Entity({ name: 'housekeeping_leases' })
export class HousekeepingLease {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  name: string;

  /** The replica holding the lease (a random id per process); null when never taken. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  holder: string | null;

  /** The lease is free once this has passed. */
  @TimestampColumn()
  leasedUntil: Date;
}
