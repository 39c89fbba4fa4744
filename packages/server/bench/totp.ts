/**
 * Authenticator codes computed by the client (RFC 6238: HMAC-SHA-1, 6 digits, 30 s steps), and a
 * pool handing out (user, step) pairs the server will accept: a factor accepts a step only after
 * its last used one, within ±1 of now. A code the server must refuse is never sent: when no user
 * has an acceptable step left, the pool waits for the next step boundary.
 */
import { createHmac } from 'node:crypto';

export const STEP_MS = 30_000;

export function currentStep(now = Date.now()): number {
  return Math.floor(now / STEP_MS);
}

export function totpCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', secret).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0xf;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** An enrolled user of Sign-in Co, as the bench tracks it. */
export interface Enrolled {
  userId: string;
  identityId: string;
  email: string;
  secret: Buffer;
  /** The last step handed out (the server stores it as `lastUsedStep` once used). */
  lastStep: number | null;
  /** Handed out and not released: no second request of the same user is in flight. */
  busy: boolean;
  /** Unused tokens of sessions at SECOND_FACTOR (for `verifySecondFactor` alone). */
  sessions: string[];
}

export interface Lease {
  user: Enrolled;
  step: number;
  code: string;
  /** A session token at SECOND_FACTOR, when asked for. */
  session?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TotpPool {
  private cursor = 0;
  /** How often a taker had to wait for a step boundary or a release. */
  waits = 0;
  private spareSessions = 0;
  /** The step at which a full scan found nothing, until a release or the next boundary. */
  private readonly dryAt: [number | null, number | null] = [null, null];

  constructor(readonly users: Enrolled[]) {}

  /** Counts the session tokens added to users since. */
  refreshSessions(): void {
    this.spareSessions = this.users.reduce((n, u) => n + u.sessions.length, 0);
  }

  /** A user and a step the server accepts now, or null when none is left until a boundary. */
  tryTake(withSession = false): Lease | null {
    if (withSession && this.spareSessions === 0) {
      throw new Error(
        'out of sessions at SECOND_FACTOR: raise BENCH_VERIFY_SESSIONS_PER_USER or BENCH_ENROLLED',
      );
    }
    const now = currentStep();
    const kind = withSession ? 1 : 0;
    if (this.dryAt[kind] === now) return null;
    for (let scanned = 0; scanned < this.users.length; scanned++) {
      const user = this.users[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.users.length;
      if (user.busy || (withSession && user.sessions.length === 0)) continue;
      const step = Math.max(now, (user.lastStep ?? -Infinity) + 1);
      if (step > now + 1) continue;
      user.busy = true;
      user.lastStep = step;
      const lease: Lease = { user, step, code: totpCode(user.secret, step) };
      if (withSession) {
        lease.session = user.sessions.pop();
        this.spareSessions -= 1;
      }
      return lease;
    }
    this.dryAt[kind] = now;
    return null;
  }

  /** Waits (polling every 20 ms: releases and boundaries both free users) until a pair is free. */
  async take(withSession = false): Promise<Lease> {
    let waited = false;
    for (;;) {
      const lease = this.tryTake(withSession);
      if (lease) return lease;
      if (!waited) this.waits += 1;
      waited = true;
      await sleep(20);
    }
  }

  release(lease: Lease): void {
    lease.user.busy = false;
    this.dryAt[0] = this.dryAt[1] = null;
  }
}
