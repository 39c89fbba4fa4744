/**
 * Second-factor lockout policy (docs/design.md, Second-factor rules), separate from the password counter, as pure
 * functions of the stored state and the clock. The caller persists the state per user and must
 * apply `afterFailure` atomically per attempt (e.g. one conditional UPDATE per verification), so
 * GraphQL aliases, batching or several server instances cannot squeeze in extra guesses.
 *
 * Policy:
 * - every 5th consecutive failure locks the second-factor step for 15 min × 2^lockCount
 *   (15, 30, 60 min, … capped at 24 h) and increments lockCount;
 * - the 100th consecutive failure disables the factor until an administrator resets it;
 * - failures stay "consecutive" across locks: only a success resets the counter;
 * - a success also resets lockCount, so a user who once mistyped five times does not start
 *   with a doubled lock weeks later; an attacker never produces a success, so gains nothing.
 */

export const FAILURES_PER_LOCK = 5;
export const BASE_LOCK_SECONDS = 15 * 60;
export const MAX_LOCK_SECONDS = 24 * 60 * 60;
export const FAILURES_UNTIL_DISABLED = 100;

export interface LockoutState {
  /** Wrong codes since the last success (or reset). */
  consecutiveFailures: number;
  /** Locks imposed since the last success: the exponent of the next lock's doubling. */
  lockCount: number;
  /** End of the current lock, or null when not locked. A past value means the lock is over. */
  lockedUntil: Date | null;
  /** Set after FAILURES_UNTIL_DISABLED failures; only an administrator reset clears it. */
  disabled: boolean;
}

export type AttemptDecision =
  | { allowed: true }
  | { allowed: false; reason: 'LOCKED'; lockedUntil: Date; retryAfterSeconds: number }
  | { allowed: false; reason: 'DISABLED' };

/** The state of a new factor, and the state an administrator reset returns to. */
export const INITIAL_LOCKOUT_STATE: Readonly<LockoutState> = Object.freeze({
  consecutiveFailures: 0,
  lockCount: 0,
  lockedUntil: null,
  disabled: false,
});

/** Length of the lock imposed when `lockCount` locks came before it: 15 min × 2^n, ≤ 24 h. */
export function lockDurationSeconds(lockCount: number): number {
  // The exponent is bounded so 2^n cannot overflow; 2^7 × 15 min already exceeds 24 h.
  const exponent = Math.min(Math.max(0, Math.floor(lockCount)), 16);
  return Math.min(BASE_LOCK_SECONDS * 2 ** exponent, MAX_LOCK_SECONDS);
}

/** Whether a code may be checked now; check this *before* verifying a code. */
export function canAttempt(state: LockoutState, now: Date): AttemptDecision {
  if (state.disabled) return { allowed: false, reason: 'DISABLED' };
  if (state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime()) {
    return {
      allowed: false,
      reason: 'LOCKED',
      lockedUntil: state.lockedUntil,
      // Rounded up: retrying at exactly the advertised second must succeed.
      retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  return { allowed: true };
}

/**
 * The state after a wrong code. Failures are counted even if one arrives while locked (an attempt
 * that raced the lock being written): dropping it would hand an attacker free guesses. A new
 * lock never shortens a running one.
 */
export function afterFailure(state: LockoutState, now: Date): LockoutState {
  if (state.disabled) return { ...state };
  const consecutiveFailures = state.consecutiveFailures + 1;
  if (consecutiveFailures >= FAILURES_UNTIL_DISABLED) {
    // The lock is moot once disabled; the admin reset returns to INITIAL_LOCKOUT_STATE.
    return { consecutiveFailures, lockCount: state.lockCount, lockedUntil: null, disabled: true };
  }
  if (consecutiveFailures % FAILURES_PER_LOCK !== 0) {
    return { ...state, consecutiveFailures };
  }
  const until = now.getTime() + lockDurationSeconds(state.lockCount) * 1000;
  const running = state.lockedUntil?.getTime() ?? 0;
  return {
    consecutiveFailures,
    lockCount: state.lockCount + 1,
    lockedUntil: new Date(Math.max(until, running)),
    disabled: false,
  };
}

/**
 * Wrong codes a profile may still give before the next lock, told with a wrong code's answer:
 * `state` is the one after that failure (`afterFailure`), so 0 means this very failure locked or
 * disabled the step. Locks fall every FAILURES_PER_LOCK failures, the disable on one of them.
 */
export function attemptsBeforeLock(state: LockoutState): number {
  if (state.disabled) return 0;
  const intoRound = state.consecutiveFailures % FAILURES_PER_LOCK;
  return intoRound === 0 ? 0 : FAILURES_PER_LOCK - intoRound;
}

/**
 * The state after a correct code: counter and doubling start over. A disabled factor stays
 * disabled — callers must not verify codes for it (`canAttempt` says DISABLED), and a success
 * must never be a way around the administrator reset.
 */
export function afterSuccess(state: LockoutState): LockoutState {
  if (state.disabled) return { ...state };
  return { ...INITIAL_LOCKOUT_STATE };
}
