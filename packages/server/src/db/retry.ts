import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { isRetryableConflict } from './faults';
import { onEveryManager, onEveryQueryRunner } from './hooks';

/**
 * docs/design.md, Scale-out: on MariaDB/MySQL (and Galera, where a write that lost certification on commit
 * fails with the same 1213 "deadlock" error; InnoDB Cluster's 3101 too, see faults.ts) a
 * transaction that lost a conflict is run again, a bounded number of times, with a small random
 * backoff. After the last attempt the error goes out as it is and the GraphQL layer answers
 * `UNAVAILABLE` (graphql/format-error.ts).
 *
 * What runs again:
 * - a transaction (`dataSource.transaction`, `manager.transaction` of a manager with no query
 *   runner of its own, and `save`/`remove`/`softRemove`/`recover`, which open a transaction of
 *   their own): the whole callback. Services keep non-database work (hashing, mail, HTTP)
 *   outside transactions (docs/design.md, Security baseline), so a callback is only SQL and may run twice;
 * - a lone statement outside any transaction (autocommit), e.g. `repository.update(...)`: the
 *   database rolled the statement back as a whole, so it may run again.
 *
 * Only the outermost unit retries: a transaction or statement that starts while another retrying
 * unit runs (a nested `manager.transaction`, a savepoint, or a service reaching for
 * `dataSource` inside a transaction callback) is not retried on its own; its failure goes up and
 * the outermost runs again as a whole — retrying inside would multiply the attempts and could
 * re-run half of a callback.
 *
 * InnoDB rolls the whole transaction back on a deadlock. A callback that caught the error and
 * went on would run its next statements in autocommit, outside any transaction: those are
 * refused with the same error, so the transaction fails (and runs again) as a whole.
 *
 * Lock wait timeouts (1205) are not retried: innodb_lock_wait_timeout is long (50 s by default),
 * it means a lock is held by something stuck, and waiting again would hold the request for
 * minutes. They answer `UNAVAILABLE` at once.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before the n-th retry: between half and all of min(cap, base · 2^(n-1)) ms. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 };

/** Called before each retry (tests count them; a logger could). */
export type RetryListener = (info: { attempt: number; delayMs: number; error: unknown }) => void;

interface RetryScope {
  active: boolean;
}

/** Set while a retrying unit runs, so that units inside it never retry on their own. */
const enclosing = new AsyncLocalStorage<RetryScope>();
/**
 * Retrying units running now. When none is, `enclosing` is disabled: on Node 20 an enabled
 * AsyncLocalStorage hooks every promise of the process, reads included (a few % of a users
 * page's CPU); the next unit's `run` enables it again.
 */
let running = 0;

/** True inside a unit of work that will be retried as a whole. */
export function insideRetryingUnit(): boolean {
  return enclosing.getStore()?.active === true;
}

function backoff(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Runs `attempt` until it succeeds, fails otherwise, or has run `policy.attempts` times. */
async function retrying<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: RetryListener | undefined,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.attempts || !isRetryableConflict(error)) throw error;
      const delayMs = backoff(n, policy);
      onRetry?.({ attempt: n, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * Runs `work`, and runs it again when it fails with a retryable conflict, up to
 * `policy.attempts` in all. Inside another retrying unit it runs once: the outer one retries.
 */
export function withRetry<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  onRetry?: RetryListener,
): Promise<T> {
  if (insideRetryingUnit()) return work();
  return retrying(
    async () => {
      const scope: RetryScope = { active: true };
      running += 1;
      try {
        return await enclosing.run(scope, work);
      } finally {
        // anything the attempt left running is no longer part of a retrying unit
        scope.active = false;
        running -= 1;
        if (running === 0) enclosing.disable();
      }
    },
    policy,
    onRetry,
  );
}

/** EntityManager operations that run a transaction of their own. */
const transactional = ['transaction', 'save', 'remove', 'softRemove', 'recover'] as const;

const patched = Symbol('twofold.retry');
type Patchable = { [patched]?: true } & Record<string, unknown>;

/**
 * Retries conflicts (deadlocks, Galera certification failures) on a MariaDB/MySQL DataSource.
 * Call once, right after creating the DataSource (before `initialize`).
 */
export function installMysqlRetry(
  dataSource: DataSource,
  policy: RetryPolicy = defaultRetryPolicy,
  onRetry?: RetryListener,
): void {
  const patchManager = (manager: EntityManager) => {
    // a manager bound to a query runner works inside that runner's transaction (or on purpose on
    // one connection, as the migrations' lock does): never a unit of its own
    if (manager.queryRunner) return;
    const target = manager as unknown as Patchable;
    if (target[patched]) return;
    target[patched] = true;
    for (const name of transactional) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = (...args: unknown[]) =>
        withRetry(
          () => (original as (...a: unknown[]) => Promise<unknown>).apply(manager, args),
          policy,
          onRetry,
        );
    }
  };
  onEveryManager(dataSource, patchManager);

  // a lone statement (autocommit) runs again; a statement inside a transaction never does alone
  onEveryQueryRunner(dataSource, (runner) => {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    // InnoDB rolls the whole transaction back on a deadlock: a statement the callback would run
    // after catching it would run in autocommit, outside the transaction. Refuse those.
    let lostConflict: { error: unknown } | null = null;
    (runner as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (
      ...args: unknown[]
    ) => {
      if (!runner.isTransactionActive) {
        lostConflict = null;
        // one statement runs no code of ours: it needs no retrying scope of its own
        return insideRetryingUnit()
          ? query(...args)
          : retrying(() => query(...args), policy, onRetry);
      }
      if (lostConflict && !/^\s*ROLLBACK\b/i.test(String(args[0]))) throw lostConflict.error;
      try {
        return await query(...args);
      } catch (error) {
        if (isRetryableConflict(error)) lostConflict = { error };
        throw error;
      }
    };
  });
}
