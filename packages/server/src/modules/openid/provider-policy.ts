import { ProviderTwoFactorPolicy, SecondFactorWaiver } from '@twofold/shared';

/**
 * `amr` values (RFC 8176) that show the provider asked for more than a password: multi-factor,
 * one-time password, hardware- and software-secured key.
 */
export const SECOND_FACTOR_AMR: readonly string[] = ['mfa', 'otp', 'hwk', 'swk'];

/** What the provider said about how the person authenticated, from the ID token. */
export interface ProviderAuthentication {
  amr: readonly string[];
  acr: string | null;
}

/** A provider's second-factor rule. */
export interface ProviderRule {
  twoFactorPolicy: ProviderTwoFactorPolicy;
  trustedAcrValues: readonly string[];
}

/** Whether the ID token shows a second factor the rule trusts. */
export function providerShowsSecondFactor(
  rule: ProviderRule,
  authentication: ProviderAuthentication,
): boolean {
  return (
    authentication.amr.some((method) => SECOND_FACTOR_AMR.includes(method)) ||
    (authentication.acr !== null && rule.trustedAcrValues.includes(authentication.acr))
  );
}

/**
 * Why a session opened through `rule`'s provider needs no Twofold second factor, or null when it
 * does (or when the session came from a password). Decided on every request, so an owner's change
 * of the rule applies to signed-in sessions at once.
 */
export function waiverOf(
  rule: ProviderRule | null,
  authentication: ProviderAuthentication,
): SecondFactorWaiver | null {
  if (!rule) return null;
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
 * The session columns of an ID token's `amr` (space-separated) and `acr`, within their 255
 * characters: the second-factor values first, so none of them is ever the one cut off.
 */
export function storedAuthentication(authentication: ProviderAuthentication): {
  providerAmr: string | null;
  providerAcr: string | null;
} {
  const values = [...new Set(authentication.amr)].filter((method) =>
    /^[\x21-\x7e]{1,32}$/.test(method),
  );
  let amr = '';
  for (const method of [
    ...values.filter((method) => SECOND_FACTOR_AMR.includes(method)),
    ...values.filter((method) => !SECOND_FACTOR_AMR.includes(method)),
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
  };
}

/** The inverse of `storedAuthentication`. */
export function authenticationOf(session: {
  providerAmr: string | null;
  providerAcr: string | null;
}): ProviderAuthentication {
  return {
    amr: session.providerAmr ? session.providerAmr.split(' ') : [],
    acr: session.providerAcr,
  };
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
