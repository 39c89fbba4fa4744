import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../db/unique-violation';
import { TooManyAttemptsError } from '../../errors';
import type { LockoutKind } from '../../metrics/sink';
import {
  afterFailure,
  afterSuccess,
  canAttempt,
  INITIAL_LOCKOUT_STATE,
  type LockoutState,
} from './lockout';
import { SecondFactorDisabledError } from './two-factor.errors';
import { SecondFactorGuard } from './two-factor.entities';

/** Compare-and-swap rounds before giving up on a hot row (every round, one contender wins). */
const MAX_ROUNDS = 50;

/** What `reserve` wrote: handed back to `succeeded` so a correct 100th code can undo its disable. */
export interface Reservation {
  userId: string;
  state: LockoutState;
  /** What this attempt imposes unless it turns out right: a lock, a disable, or nothing. */
  imposes: LockoutKind | null;
}

function stateOf(row: SecondFactorGuard): LockoutState {
  return {
    consecutiveFailures: row.consecutiveFailures,
    lockCount: row.lockCount,
    lockedUntil: row.lockedUntil,
    disabled: row.disabledAt !== null,
  };
}

/**
 * The database side of the second-factor lockout (docs/design.md, Second-factor rules), per profile and shared by every
 * server instance. Each attempt is *reserved* — counted as a failure — by one conditional UPDATE
 * before its code is checked, and only a success gives it back. So aliases in one request,
 * parallel requests and several instances each pay for every guess, and a crash between the
 * check and the bookkeeping fails closed. The decisions themselves are the pure `lockout.ts`.
 */
export class LockoutService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * Counts one attempt for `userId`, or throws TOO_MANY_ATTEMPTS when the step is locked or
   * disabled (then nothing is checked and nothing counted). Never call it inside a transaction:
   * the attempt must stay counted whatever happens to the caller's own writes.
   */
  async reserve(
    userId: string,
    now = new Date(),
    known?: SecondFactorGuard | null,
  ): Promise<Reservation> {
    const repository = this.deps.dataSource.getRepository(SecondFactorGuard);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // `known`: the row as the request's caller statement read it (null: none yet), a first
      // guess the conditional UPDATE below confirms or refutes; later rounds read it afresh
      const guessed = round === 0 && known !== undefined;
      const row = guessed ? known : await repository.findOneBy({ userId });
      if (!row) {
        try {
          await repository.insert({ userId, ...INITIAL_LOCKOUT_STATE, disabledAt: null });
        } catch (error) {
          // another request or instance created it first: count on that row
          if (!isUniqueViolation(error)) throw error;
        }
        continue;
      }
      const state = stateOf(row);
      const decision = canAttempt(state, now);
      // a refusal is never decided on a guess: an administrator may have reset it meanwhile
      if (!decision.allowed && guessed) continue;
      if (!decision.allowed) {
        if (decision.reason === 'DISABLED') throw new SecondFactorDisabledError();
        throw new TooManyAttemptsError(decision.retryAfterSeconds);
      }
      const next = afterFailure(state, now);
      const query = repository
        .createQueryBuilder()
        .update(SecondFactorGuard)
        .set({
          consecutiveFailures: next.consecutiveFailures,
          lockCount: next.lockCount,
          lockedUntil: next.lockedUntil,
          disabledAt: next.disabled ? now : null,
        })
        .where('userId = :userId', { userId })
        .andWhere('consecutiveFailures = :failures', { failures: state.consecutiveFailures })
        .andWhere('lockCount = :lockCount', { lockCount: state.lockCount })
        .andWhere('disabledAt IS NULL');
      if (state.lockedUntil === null) query.andWhere('lockedUntil IS NULL');
      else query.andWhere('lockedUntil = :lockedUntil', { lockedUntil: state.lockedUntil });
      const result = await query.execute();
      if ((result.affected ?? 0) > 0) {
        const imposes =
          next.disabled && !state.disabled
            ? 'disabled'
            : next.lockCount > state.lockCount
              ? 'locked'
              : null;
        return { userId, state: next, imposes };
      }
      // someone else counted an attempt in between: read again and count on top of it
    }
    // fail closed under a storm of parallel attempts: nothing is checked
    throw new TooManyAttemptsError(1);
  }

  /**
   * The reserved attempt was right: the counter and the doubling start over. A disable is lifted
   * only when this very attempt wrote it (a correct 100th code); one imposed by other failures
   * stays until an administrator resets it.
   */
  async succeeded(reservation: Reservation): Promise<void> {
    const reset = afterSuccess({ ...reservation.state, disabled: false });
    const query = this.deps.dataSource
      .createQueryBuilder()
      .update(SecondFactorGuard)
      .set({
        consecutiveFailures: reset.consecutiveFailures,
        lockCount: reset.lockCount,
        lockedUntil: reset.lockedUntil,
        disabledAt: null,
      })
      .where('userId = :userId', { userId: reservation.userId });
    if (reservation.state.disabled) {
      // after a disable nothing else can count, so an unchanged counter means it was ours
      query.andWhere('(disabledAt IS NULL OR consecutiveFailures = :mine)', {
        mine: reservation.state.consecutiveFailures,
      });
    } else {
      query.andWhere('disabledAt IS NULL');
    }
    await query.execute();
  }

  /** The stored state (the initial one when the profile never tried a code). */
  async state(userId: string): Promise<LockoutState> {
    const row = await this.deps.dataSource.getRepository(SecondFactorGuard).findOneBy({ userId });
    return row ? stateOf(row) : { ...INITIAL_LOCKOUT_STATE };
  }
}
