import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, Migration } from 'typeorm';
import { isSqlite } from './dialect';
import { withoutStatementTimeout } from './mysql-pool';

/**
 * The lease row that lets one replica at a time migrate (docs/design.md, Scale-out). Its table
 * is made here, outside the migrations, since it must exist before the first one runs.
 */
export const migrationLeaseTable = 'migration_leases';
const leaseName = 'migrations';
const never = '1970-01-01 00:00:01';

export interface MigrationLeaseTiming {
  /** A holder that stops renewing loses the lease after this long. */
  leaseMs: number;
  /** The holder renews this often while it migrates. */
  renewEveryMs: number;
  /** A replica waits this long for the lease, then gives up (and does not start). */
  waitMs: number;
  /** How often a waiting replica tries again. */
  pollMs: number;
}

export const migrationLeaseTiming: MigrationLeaseTiming = {
  leaseMs: 30_000,
  renewEveryMs: 5_000,
  waitMs: 120_000,
  pollMs: 250,
};

/**
 * Runs pending migrations. On MariaDB/MySQL a lease row serializes replicas that start at the
 * same moment, on every node of a Galera cluster (`GET_LOCK` would hold on one node only);
 * SQLite serializes writers itself.
 */
export async function runMigrations(
  dataSource: DataSource,
  timing: MigrationLeaseTiming = migrationLeaseTiming,
): Promise<Migration[]> {
  if (isSqlite(dataSource)) {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  // a migration may rebuild a large table: no statement timeout before the server listens
  return withoutStatementTimeout(dataSource, async () => {
    const lease = new MigrationLease(dataSource, timing);
    await lease.take();
    try {
      return await lease.beforeEachMigration(() =>
        dataSource.runMigrations({ transaction: 'each' }),
      );
    } finally {
      await lease.release();
    }
  });
}

/** True when the database answers and every migration has run. */
export async function isMigrated(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  return !(await dataSource.showMigrations());
}

/**
 * One replica's hold on the migration lease. Every condition is checked by the database in the
 * write itself, on the database's clock: on Galera two replicas taking it at once on two nodes
 * both write the row, one fails certification (retried by retry.ts, then matching nothing).
 */
class MigrationLease {
  private readonly holder = randomUUID();
  private renewal: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timing: MigrationLeaseTiming,
  ) {}

  /** Waits until the lease is free (or its holder stopped renewing it), then holds it. */
  async take(): Promise<void> {
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS \`${migrationLeaseTable}\` (` +
        '`name` varchar(50) NOT NULL PRIMARY KEY, `holder` varchar(64) NULL, ' +
        '`leasedUntil` datetime(6) NOT NULL) ENGINE=InnoDB',
    );
    await this.dataSource.query(
      `INSERT IGNORE INTO \`${migrationLeaseTable}\` (name, holder, leasedUntil) VALUES (?, NULL, ?)`,
      [leaseName, never],
    );
    const deadline = Date.now() + this.timing.waitMs;
    while (!(await this.write('leasedUntil < UTC_TIMESTAMP(6)', true))) {
      if (Date.now() >= deadline) {
        throw new Error(
          `Timed out after ${this.timing.waitMs} ms waiting for the migration lease (another replica is migrating)`,
        );
      }
      await sleep(this.timing.pollMs);
    }
    this.renewal = setInterval(() => {
      this.renew().catch(() => undefined); // checked again before the next migration
    }, this.timing.renewEveryMs);
    this.renewal.unref();
  }

  /**
   * Runs `work` (TypeORM's runMigrations) with the lease renewed and confirmed right before each
   * migration starts: a replica whose lease lapsed (stalled past `leaseMs`, while another took
   * over) stops before its next migration instead of running beside the new holder.
   */
  async beforeEachMigration<T>(work: () => Promise<T>): Promise<T> {
    const originals = this.dataSource.migrations.map((migration) => migration.up.bind(migration));
    this.dataSource.migrations.forEach((migration, i) => {
      const up = originals[i]!;
      migration.up = async (queryRunner): Promise<void> => {
        if (!(await this.renew())) {
          throw new Error(
            'Lost the migration lease (this replica stalled past it): not starting the next migration',
          );
        }
        await up(queryRunner);
      };
    });
    try {
      return await work();
    } finally {
      this.dataSource.migrations.forEach((migration, i) => {
        migration.up = originals[i]!;
      });
    }
  }

  /** Pushes the lease's end forward; false once it has lapsed or another replica holds it. */
  private async renew(): Promise<boolean> {
    if (this.lost) return false;
    const renewed = await this.write('holder = ? AND leasedUntil >= UTC_TIMESTAMP(6)', false);
    if (!renewed) this.lost = true;
    return renewed;
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    await this.dataSource.query(
      `UPDATE \`${migrationLeaseTable}\` SET holder = NULL, leasedUntil = ? WHERE name = ? AND holder = ?`,
      [never, leaseName, this.holder],
    );
  }

  /** Sets this replica as holder until now + leaseMs where `condition` holds; true if it did. */
  private async write(condition: string, taking: boolean): Promise<boolean> {
    const parameters: unknown[] = [this.holder, this.timing.leaseMs * 1000, leaseName];
    if (!taking) parameters.push(this.holder);
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE \`${migrationLeaseTable}\` SET holder = ?, ` +
        'leasedUntil = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND ' +
        `WHERE name = ? AND ${condition}`,
      parameters,
    );
    return result.affectedRows === 1;
  }
}
