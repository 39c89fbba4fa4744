import { ProviderTwoFactorPolicy, SecondFactorWaiver, type UserType } from '@twofold/shared';

// docs/design.md, An identity provider's second-factor rule

/** The three kinds of authentication factor an `amr` value can stand for. */
export enum FactorKind {
  KNOWLEDGE = 'KNOWLEDGE',
  POSSESSION = 'POSSESSION',
  INHERENCE = 'INHERENCE',
}

/**
 * The factor kind of each RFC 8176 `amr` value that names one. Values naming no factor (`mfa`,
 * `mca`, `geo`, `rba`, `user`, `wia`) and values of no registry are absent: they count for
 * nothing on their own.
 */
const FACTOR_KINDS: Readonly<Record<string, FactorKind>> = {
  pwd: FactorKind.KNOWLEDGE,
  pin: FactorKind.KNOWLEDGE,
  kba: FactorKind.KNOWLEDGE,
  otp: FactorKind.POSSESSION,
  hwk: FactorKind.POSSESSION,
  swk: FactorKind.POSSESSION,
  sms: FactorKind.POSSESSION,
  tel: FactorKind.POSSESSION,
  sc: FactorKind.POSSESSION,
  pop: FactorKind.POSSESSION,
  fpt: FactorKind.INHERENCE,
  face: FactorKind.INHERENCE,
  iris: FactorKind.INHERENCE,
  retina: FactorKind.INHERENCE,
  vbm: FactorKind.INHERENCE,
};

/** The factor kind `method` stands for, or null (case-sensitive, as RFC 8176 values are). */
export function factorKindOf(method: string): FactorKind | null {
  return Object.prototype.hasOwnProperty.call(FACTOR_KINDS, method) ? FACTOR_KINDS[method]! : null;
}

/**
 * Whether an `amr` shows more than one factor: `mfa`, or methods of two different kinds. A
 * passwordless email code reports `otp` alone, and two possession methods (`otp` and `sms`) are
 * still one kind: neither is a second factor.
 */
export function amrShowsMultipleFactors(amr: readonly string[]): boolean {
  if (amr.includes('mfa')) return true;
  const kinds = new Set(amr.map(factorKindOf).filter((kind) => kind !== null));
  return kinds.size >= 2;
}

/** `amr` values a session keeps first, so that cutting the column short never drops them. */
const KEPT_FIRST_AMR = ['mfa', ...Object.keys(FACTOR_KINDS)];

/** What the provider said about how the person authenticated, from the ID token. */
export interface ProviderAuthentication {
  amr: readonly string[];
  acr: string | null;
  /**
   * Seconds between the provider's sign-in (`auth_time`) and the code's redemption; null when
   * the ID token gave no `auth_time`.
   */
  authAgeSeconds: number | null;
}

/** What the ID token said, as a session opened from it keeps it. */
export interface TokenAuthentication {
  amr: readonly string[];
  acr: string | null;
  /** The token's `auth_time`; null when it gave none. */
  authAt: Date | null;
}

/** A provider's second-factor rule. */
export interface ProviderRule {
  twoFactorPolicy: ProviderTwoFactorPolicy;
  trustedAcrValues: readonly string[];
  /** The user types whose profiles the rule's waiver applies to; other types get Twofold's own. */
  waiverUserTypes: readonly UserType[];
  /** A waiver needs the provider's sign-in at most this old; null: any age. */
  maxAgeSeconds: number | null;
}

/** Clock difference allowed between the provider and Twofold when judging `auth_time`. */
export const AUTH_TIME_SKEW_SECONDS = 30;

/** Whether the ID token shows a second factor the rule trusts (`amr` or a trusted `acr`). */
export function providerShowsSecondFactor(
  rule: Pick<ProviderRule, 'trustedAcrValues'>,
  authentication: Pick<ProviderAuthentication, 'amr' | 'acr'>,
): boolean {
  return (
    amrShowsMultipleFactors(authentication.amr) ||
    (authentication.acr !== null && rule.trustedAcrValues.includes(authentication.acr))
  );
}

/** Whether the provider's sign-in is recent enough for the rule (its `max_age`). */
export function authenticationIsFresh(
  rule: Pick<ProviderRule, 'maxAgeSeconds'>,
  authentication: Pick<ProviderAuthentication, 'authAgeSeconds'>,
): boolean {
  if (rule.maxAgeSeconds === null) return true;
  const age = authentication.authAgeSeconds;
  return age !== null && age <= rule.maxAgeSeconds + AUTH_TIME_SKEW_SECONDS;
}

/** Whether the rule can waive Twofold's second factor for anyone at all. */
export function ruleCanWaive(rule: Pick<ProviderRule, 'twoFactorPolicy' | 'waiverUserTypes'>) {
  return (
    rule.twoFactorPolicy !== ProviderTwoFactorPolicy.REQUIRE_TWOFOLD &&
    rule.waiverUserTypes.length > 0
  );
}

/**
 * Why a session opened through `rule`'s provider needs no Twofold second factor for a profile of
 * `userType`, or null when it does (or when the session came from a password, or no profile is
 * chosen yet). Decided on every request, so an owner's change of the rule applies to signed-in
 * sessions at once.
 */
export function waiverOf(
  rule: ProviderRule | null,
  authentication: ProviderAuthentication,
  userType: UserType | null,
): SecondFactorWaiver | null {
  if (!rule || userType === null || !rule.waiverUserTypes.includes(userType)) return null;
  if (!ruleCanWaive(rule) || !authenticationIsFresh(rule, authentication)) return null;
  switch (rule.twoFactorPolicy) {
    case ProviderTwoFactorPolicy.EXEMPT:
      return SecondFactorWaiver.PROVIDER_EXEMPT;
    case ProviderTwoFactorPolicy.TRUST_PROVIDER:
      return providerShowsSecondFactor(rule, authentication)
        ? SecondFactorWaiver.PROVIDER_MFA
        : null;
    case ProviderTwoFactorPolicy.REQUIRE_TWOFOLD:
      return null;
  }
}

/**
 * What the authorization request asks of the provider for `rule`: the trusted `acr` values
 * (`acr_values`, and as the `acr` claim's values), `amr` through the claims parameter — essential
 * when only it can show a second factor — and, when the rule can waive, `max_age` with
 * `auth_time` essential. Nothing is asked that a rule never uses, so a provider whose sign-ins
 * Twofold does not trust is not made to prompt more often.
 */
export function authorizationRequestOf(
  rule: Pick<
    ProviderRule,
    'twoFactorPolicy' | 'trustedAcrValues' | 'waiverUserTypes' | 'maxAgeSeconds'
  >,
): Record<string, string> {
  if (rule.twoFactorPolicy === ProviderTwoFactorPolicy.REQUIRE_TWOFOLD) return {};
  const idToken: Record<string, { essential?: boolean; values?: string[] }> = {};
  const parameters: Record<string, string> = {};
  if (rule.twoFactorPolicy === ProviderTwoFactorPolicy.TRUST_PROVIDER) {
    idToken.amr = { essential: rule.trustedAcrValues.length === 0 };
    if (rule.trustedAcrValues.length > 0) {
      // voluntary: a provider that cannot reach these still signs the person in, and Twofold's
      // own second factor applies
      idToken.acr = { values: [...rule.trustedAcrValues] };
      parameters.acr_values = rule.trustedAcrValues.join(' ');
    }
  }
  if (ruleCanWaive(rule) && rule.maxAgeSeconds !== null) {
    parameters.max_age = String(rule.maxAgeSeconds);
    idToken.auth_time = { essential: true };
  }
  if (Object.keys(idToken).length > 0) {
    parameters.claims = JSON.stringify({ id_token: idToken });
  }
  return parameters;
}

/**
 * The session columns of an ID token's `amr` (space-separated) and `acr`, within their 255
 * characters: values naming a factor first, so none of them is ever the one cut off.
 */
export function storedAuthentication(authentication: TokenAuthentication): {
  providerAmr: string | null;
  providerAcr: string | null;
  providerAuthAt: Date | null;
} {
  const values = [...new Set(authentication.amr)].filter((method) =>
    /^[\x21-\x7e]{1,32}$/.test(method),
  );
  let amr = '';
  for (const method of [
    ...values.filter((method) => KEPT_FIRST_AMR.includes(method)),
    ...values.filter((method) => !KEPT_FIRST_AMR.includes(method)),
  ]) {
    const next = amr === '' ? method : `${amr} ${method}`;
    if (next.length > 255) break;
    amr = next;
  }
  const acr = authentication.acr;
  return {
    providerAmr: amr === '' ? null : amr,
    // an acr that does not fit is no configured value (trustedAcrValues are at most 255)
    providerAcr: acr !== null && acr.length <= 255 ? acr : null,
    providerAuthAt: authentication.authAt,
  };
}

/**
 * The inverse of `storedAuthentication`, with the age of the provider's sign-in when the session
 * was opened (the code was redeemed then).
 */
export function authenticationOf(session: {
  providerAmr: string | null;
  providerAcr: string | null;
  providerAuthAt: Date | null;
  createdAt: Date;
}): ProviderAuthentication {
  return {
    amr: session.providerAmr ? session.providerAmr.split(' ') : [],
    acr: session.providerAcr,
    authAgeSeconds:
      session.providerAuthAt === null
        ? null
        : (session.createdAt.getTime() - session.providerAuthAt.getTime()) / 1000,
  };
}

/** The ID token's `auth_time` (seconds since the epoch) as a date; null when absent or malformed. */
export function authTimeOf(claim: unknown): Date | null {
  return typeof claim === 'number' && Number.isFinite(claim) && claim > 0
    ? new Date(Math.floor(claim) * 1000)
    : null;
}

/** Whether `email` may sign in through a provider limited to `domains` (empty: any). */
export function emailDomainAllowed(domains: readonly string[], email: string): boolean {
  if (domains.length === 0) return true;
  const at = email.lastIndexOf('@');
  return at > 0 && domains.includes(email.slice(at + 1).toLowerCase());
}

/** The `amr` claim as the ID token holds it: an array of strings, anything else ignored. */
export function amrOf(claim: unknown): string[] {
  return Array.isArray(claim)
    ? claim.filter((value): value is string => typeof value === 'string')
    : [];
}
