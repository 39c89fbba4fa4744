import { AsyncLocalStorage } from 'node:async_hooks';
import { ErrorCode } from '@twofold/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors';
import { onEveryManager, onEveryQueryRunner } from './hooks';

/**
 * docs/design.md, Security baseline: the embedded SQLite database is one better-sqlite3 connection shared by every
 * request, so without this queue another request's statements run *inside* an open transaction
 * (and are rolled back with it, after they answered success), and two transactions started
 * together collide. The queue makes a transaction run alone: it holds the queue from BEGIN to
 * COMMIT/ROLLBACK, and every statement of anyone else waits for it. Statements of the holder
 * (found through AsyncLocalStorage, so a service that reaches for `dataSource` instead of the
 * transaction's manager is still recognised) run at once.
 *
 * MariaDB/MySQL keep their connection pools: each transaction has its own connection there.
 */
export class SqliteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private running = false;

  /** @param waitLimitMs how long a statement may wait for its turn */
  constructor(private readonly waitLimitMs = 30_000) {}

  private readonly holder = new AsyncLocalStorage<{ queue: SqliteQueue; active: boolean }>();

  /** Pieces of work waiting for their turn (for the metrics). */
  get waiting(): number {
    return this.queued;
  }

  /** True while some piece of work holds the queue (for the metrics). */
  get busy(): boolean {
    return this.running;
  }

  /** True inside a piece of work that holds the queue right now. */
  holds(): boolean {
    const store = this.holder.getStore();
    return store?.queue === this && store.active;
  }

  /** Runs `work` alone: after everything queued before it, before everything queued after it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.holds()) return work();
    const store = { queue: this, active: true };
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    this.queued += 1;
    const run = () => {
      // given up waiting: its request has already answered, so it must not run any more
      if (abandoned) return Promise.resolve(undefined as T);
      clearTimeout(timer);
      this.queued -= 1;
      this.running = true;
      return this.holder.run(store, async () => {
        try {
          return await work();
        } finally {
          // anything the work left running must queue like everyone else from now on
          store.active = false;
          this.running = false;
        }
      });
    };
    const result = this.tail.then(run, run);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    // a transaction stuck on something that waits for the queue itself would stop every
    // request: a statement that cannot start in time fails with a typed error instead of
    // hanging silently (once started, work runs to its end: it may already have written)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        this.queued -= 1;
        reject(
          new DomainError(ErrorCode.UNAVAILABLE, 'The database is busy. Try again in a moment.'),
        );
      }, this.waitLimitMs);
      timer.unref();
    });
    return Promise.race([result, timeout]);
  }
}

/** EntityManager operations that may run several statements in a transaction of their own. */
const multiStatement = ['transaction', 'save', 'remove', 'softRemove', 'recover'] as const;

const patched = Symbol('twofold.sqliteQueue');

type Patchable = { [patched]?: true } & Record<string, unknown>;

function wrapMethods(target: Patchable, names: readonly string[], queue: SqliteQueue): void {
  if (target[patched]) return;
  target[patched] = true;
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]) =>
      queue.exclusive(() =>
        (original as (...a: unknown[]) => Promise<unknown>).apply(target, args),
      );
  }
}

const queues = new WeakMap<DataSource, SqliteQueue>();

/** The queue `installSqliteQueue` put on `dataSource`, if any (the metrics read its length). */
export function sqliteQueueOf(dataSource: DataSource): SqliteQueue | undefined {
  return queues.get(dataSource);
}

/**
 * Puts every transaction and every statement of a better-sqlite3 DataSource through one queue.
 * Call once, right after creating the DataSource (before `initialize`).
 */
export function installSqliteQueue(dataSource: DataSource): SqliteQueue {
  const queue = new SqliteQueue();
  queues.set(dataSource, queue);
  const patchManager = (manager: EntityManager) =>
    wrapMethods(manager as unknown as Patchable, multiStatement, queue);

  onEveryManager(dataSource, patchManager);
  // better-sqlite3 has one query runner: a lone statement waits for the open transaction
  onEveryQueryRunner(dataSource, (runner) =>
    wrapMethods(runner as unknown as Patchable, ['query'], queue),
  );
  return queue;
}
