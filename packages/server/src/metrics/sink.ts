import type { SecondFactorKind } from '@twofold/shared';

/**
 * What the services tell the metrics (`Metrics` in `metrics.ts` implements it for Prometheus).
 * Every value here is a closed set of words: never an email, id, code, phone number or IP, so no
 * label can carry personal data and the number of series stays fixed.
 */
export type SignInOutcome =
  | 'success'
  | 'unknown_email'
  | 'wrong_password'
  | 'no_active_profile'
  | 'rate_limited'
  | 'invalid_input'
  | 'openid_success'
  | 'openid_refused'
  | 'error';

/** The method a code was checked as; `ANY` when a current code of any method was asked for. */
export type CodeMethod = SecondFactorKind | 'ANY';

export type CodeOutcome = 'success' | 'invalid' | 'not_enrolled' | 'locked' | 'disabled' | 'error';

/** A second-factor lock began (every 5th failure), or the 100th failure disabled the step. */
export type LockoutKind = 'locked' | 'disabled';

export type SmsOutcome = 'sent' | 'failed' | 'rate_limited';

export type EmailOutcome = 'sent' | 'failed';

export interface MetricsSink {
  signIn(outcome: SignInOutcome): void;
  /** One code checked through the second-factor lockout (sign-in step, enrollment, re-check). */
  secondFactor(method: CodeMethod, outcome: CodeOutcome): void;
  lockout(kind: LockoutKind): void;
  sms(outcome: SmsOutcome): void;
  email(outcome: EmailOutcome): void;
  /** `kind` is one of a fixed list of what the purge removes (sessions, link tokens, …). */
  purged(kind: string, rows: number): void;
}

/** Counts nothing: the default of every service, and what the CLI runs with. */
export const noMetrics: MetricsSink = {
  signIn() {},
  secondFactor() {},
  lockout() {},
  sms() {},
  email() {},
  purged() {},
};
