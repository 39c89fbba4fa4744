import {
  type LockoutState,
  INITIAL_LOCKOUT_STATE,
  afterFailure,
  afterSuccess,
  attemptsBeforeLock,
  canAttempt,
  lockDurationSeconds,
} from './lockout';

const t0 = new Date('2026-11-22T12:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
const state = (overrides: Partial<LockoutState> = {}): LockoutState => ({
  ...INITIAL_LOCKOUT_STATE,
  ...overrides,
});

/** Fails `count` times, each attempt made as soon as `canAttempt` allows; returns the end clock. */
function failRepeatedly(start: LockoutState, count: number, now: Date): [LockoutState, Date] {
  let current = start;
  let clock = now;
  for (let i = 0; i < count; i++) {
    const decision = canAttempt(current, clock);
    if (!decision.allowed) {
      if (decision.reason === 'DISABLED') throw new Error('disabled');
      clock = decision.lockedUntil;
    }
    current = afterFailure(current, clock);
  }
  return [current, clock];
}

describe('lockDurationSeconds', () => {
  it.each([
    [0, 15],
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [5, 480],
    [6, 960],
    [7, 1440],
    [8, 1440],
    [18, 1440],
    [1000, 1440],
  ])('lock after %i earlier locks: %i minutes', (lockCount, minutes) => {
    expect(lockDurationSeconds(lockCount)).toBe(minutes * 60);
  });
});

describe('canAttempt', () => {
  it.each<[string, LockoutState, Date, ReturnType<typeof canAttempt>]>([
    ['fresh state', state(), t0, { allowed: true }],
    ['some failures, not locked', state({ consecutiveFailures: 4 }), t0, { allowed: true }],
    [
      'locked for 15 more minutes',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      t0,
      { allowed: false, reason: 'LOCKED', lockedUntil: at(900), retryAfterSeconds: 900 },
    ],
    [
      'locked, part of a second left: rounds up',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      at(899.001),
      { allowed: false, reason: 'LOCKED', lockedUntil: at(900), retryAfterSeconds: 1 },
    ],
    [
      'exactly when the lock ends',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      at(900),
      { allowed: true },
    ],
    [
      'after the lock ended',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      at(5000),
      { allowed: true },
    ],
    [
      'disabled',
      state({ consecutiveFailures: 100, disabled: true }),
      t0,
      { allowed: false, reason: 'DISABLED' },
    ],
    [
      'disabled wins over a lock',
      state({ disabled: true, lockedUntil: at(60) }),
      t0,
      { allowed: false, reason: 'DISABLED' },
    ],
  ])('%s', (_name, input, now, expected) => {
    expect(canAttempt(input, now)).toEqual(expected);
  });
});

describe('afterFailure', () => {
  it.each<[string, LockoutState, Date, LockoutState]>([
    ['first failure', state(), t0, state({ consecutiveFailures: 1 })],
    ['fourth failure', state({ consecutiveFailures: 3 }), t0, state({ consecutiveFailures: 4 })],
    [
      '5th locks for 15 min',
      state({ consecutiveFailures: 4 }),
      t0,
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(15 * 60) }),
    ],
    [
      '6th after the lock: counted, no new lock, old lock kept as history',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      at(1000),
      state({ consecutiveFailures: 6, lockCount: 1, lockedUntil: at(900) }),
    ],
    [
      '10th locks for 30 min',
      state({ consecutiveFailures: 9, lockCount: 1, lockedUntil: at(900) }),
      at(1000),
      state({ consecutiveFailures: 10, lockCount: 2, lockedUntil: at(1000 + 30 * 60) }),
    ],
    [
      '15th locks for 60 min',
      state({ consecutiveFailures: 14, lockCount: 2 }),
      t0,
      state({ consecutiveFailures: 15, lockCount: 3, lockedUntil: at(60 * 60) }),
    ],
    [
      '40th: capped at 24 h',
      state({ consecutiveFailures: 39, lockCount: 7 }),
      t0,
      state({ consecutiveFailures: 40, lockCount: 8, lockedUntil: at(24 * 3600) }),
    ],
    [
      'a failure racing a running lock is still counted',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      at(10),
      state({ consecutiveFailures: 6, lockCount: 1, lockedUntil: at(900) }),
    ],
    [
      'a new lock never shortens a running one',
      state({ consecutiveFailures: 9, lockCount: 0, lockedUntil: at(7200) }),
      t0,
      state({ consecutiveFailures: 10, lockCount: 1, lockedUntil: at(7200) }),
    ],
    [
      '99th still only locks',
      state({ consecutiveFailures: 98, lockCount: 19 }),
      t0,
      state({ consecutiveFailures: 99, lockCount: 19 }),
    ],
    [
      '100th disables',
      state({ consecutiveFailures: 99, lockCount: 19, lockedUntil: at(-5) }),
      t0,
      state({ consecutiveFailures: 100, lockCount: 19, lockedUntil: null, disabled: true }),
    ],
    [
      'disabled stays as it is',
      state({ consecutiveFailures: 100, lockCount: 19, disabled: true }),
      t0,
      state({ consecutiveFailures: 100, lockCount: 19, disabled: true }),
    ],
  ])('%s', (_name, input, now, expected) => {
    const before = structuredClone(input);
    expect(afterFailure(input, now)).toEqual(expected);
    expect(input).toEqual(before); // pure: the input is not modified
  });

  it('walks the whole schedule: locks at 5, 10, … doubling to 24 h, disabled at 100', () => {
    let current = state();
    let clock = t0;
    const locks: number[] = [];
    for (let failure = 1; failure <= 100; failure++) {
      const decision = canAttempt(current, clock);
      expect(decision.allowed).toBe(true);
      const next = afterFailure(current, clock);
      if (next.lockedUntil !== null && next.lockCount !== current.lockCount) {
        locks.push((next.lockedUntil.getTime() - clock.getTime()) / 60_000);
        // Locked right after, and for exactly that long.
        expect(canAttempt(next, clock)).toMatchObject({ allowed: false, reason: 'LOCKED' });
        clock = next.lockedUntil;
      }
      current = next;
    }
    expect(locks).toEqual([15, 30, 60, 120, 240, 480, 960, ...Array<number>(12).fill(1440)]);
    expect(current.disabled).toBe(true);
    expect(canAttempt(current, at(365 * 86400))).toEqual({ allowed: false, reason: 'DISABLED' });
  });
});

describe('attemptsBeforeLock', () => {
  it.each<[string, LockoutState, number]>([
    ['after a first wrong code', state({ consecutiveFailures: 1 }), 4],
    ['after the fourth', state({ consecutiveFailures: 4 }), 1],
    [
      'after the fifth, which locked',
      state({ consecutiveFailures: 5, lockCount: 1, lockedUntil: at(900) }),
      0,
    ],
    [
      'after the first wrong code once a lock ended',
      state({ consecutiveFailures: 6, lockCount: 1, lockedUntil: at(-1) }),
      4,
    ],
    ['after the 99th', state({ consecutiveFailures: 99, lockCount: 19 }), 1],
    ['after the 100th, which disabled', state({ consecutiveFailures: 100, disabled: true }), 0],
  ])('%s', (_name, input, expected) => {
    expect(attemptsBeforeLock(input)).toBe(expected);
  });

  it('counts down 4, 3, 2, 1, 0 between locks along the whole schedule', () => {
    let current = state();
    let clock = t0;
    const told: number[] = [];
    for (let failure = 1; failure <= 100; failure++) {
      const decision = canAttempt(current, clock);
      if (!decision.allowed && decision.reason === 'LOCKED') clock = decision.lockedUntil;
      current = afterFailure(current, clock);
      told.push(attemptsBeforeLock(current));
      // 0 exactly when this failure locked (or disabled) the step
      expect(told.at(-1) === 0).toBe(!canAttempt(current, clock).allowed);
    }
    expect(told).toEqual(Array.from({ length: 20 }, () => [4, 3, 2, 1, 0]).flat());
  });
});

describe('afterSuccess', () => {
  it.each<[string, LockoutState, LockoutState]>([
    ['fresh', state(), state()],
    ['after some failures', state({ consecutiveFailures: 3 }), state()],
    [
      'after locks: lockCount resets too',
      state({ consecutiveFailures: 12, lockCount: 2, lockedUntil: at(-60) }),
      state(),
    ],
    [
      'a disabled factor stays disabled',
      state({ consecutiveFailures: 100, lockCount: 19, disabled: true }),
      state({ consecutiveFailures: 100, lockCount: 19, disabled: true }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(afterSuccess(input)).toEqual(expected);
  });

  it('makes the next lock 15 minutes again', () => {
    const [locked] = failRepeatedly(state(), 10, t0);
    expect(locked.lockCount).toBe(2);
    const [relocked, clock] = failRepeatedly(afterSuccess(locked), 5, at(86400));
    expect(relocked.lockedUntil).toEqual(new Date(clock.getTime() + 15 * 60_000));
  });
});

it('INITIAL_LOCKOUT_STATE cannot be modified by accident', () => {
  expect(Object.isFrozen(INITIAL_LOCKOUT_STATE)).toBe(true);
  expect(afterSuccess(state())).not.toBe(INITIAL_LOCKOUT_STATE);
});
