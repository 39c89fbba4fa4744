/**
 * Login assurance (docs/design.md, Login assurance): the password belongs to the
 * login, the factors to its profiles, so a profile without 2FA must never become a way around
 * another profile's 2FA. A login-wide power — the password, the login's security activity, the
 * sessions of its other profiles — needs a session that verified a factor the login already
 * held, whenever any of its profiles holds one that sign-in asks for.
 */
export interface LoginAssuranceInput {
  /** The session was opened by an account's identity provider: it speaks for that account only. */
  openedByProvider: boolean;
  /**
   * The session verified, at its second-factor step, a factor its profile held already and that
   * vouches for the login (not a backup code, not one set up without login assurance).
   */
  verifiedHeldFactor: boolean;
  /** Some active profile of the login holds a factor that its sign-in asks for, vouching or not. */
  loginHoldsFactor: boolean;
}

/** True when the session may use the login-wide powers. Enrolling a first factor never counts. */
export function isLoginAssured(input: LoginAssuranceInput): boolean {
  if (input.openedByProvider) return false;
  return input.verifiedHeldFactor || !input.loginHoldsFactor;
}
