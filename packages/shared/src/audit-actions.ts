/**
 * Every action the server writes to an audit log or a login's security activity. The console
 * keeps words for each in an exhaustive map, so a new action without words fails its type check.
 */
export const auditActions = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.second_factor_verified',
  'auth.second_factor_failed',
  'auth.remembered_browser_used',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.openid_linked',
  'auth.openid_failed',
  'account.created',
  'account.sms_countries_updated',
  'account_domain.added',
  'account_domain.verified',
  'account_domain.removed',
  'identity_provider.created',
  'identity_provider.updated',
  'identity_provider.tested',
  'identity_provider.removed',
  'user.created',
  'user.invitation_sent',
  'user.invitation_revoked',
  'user.invitation_accepted',
  'user.updated',
  'user.suspended',
  'user.reactivated',
  'user.apps_set',
  'user.sessions_ended',
  'user.removed',
  'profile.updated',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.reset',
  'two_factor.unlocked',
  'two_factor.enrollment_started',
  'two_factor.enrollment_link_sent',
  'two_factor.backup_codes_regenerated',
  'two_factor.pin_changed',
  'two_factor.sms_code_sent',
  'two_factor.passkey_renamed',
  'two_factor.passkey_removed',
  'two_factor.passkey_counter_regression',
  'two_factor.browser_remembered',
  'two_factor.remembered_browsers_forgotten',
  'policy.updated',
  'app.created',
  'app.updated',
  'app.removed',
  'users.exported',
  'audit_log.exported',
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (auditActions as readonly string[]).includes(value);
}

/**
 * Whether the overview lists an action among an account's recent security events
 * (docs/design.md, The overview): what changes how someone signs in or whether they can —
 * second factors set up, turned off or reset, wrong codes and lockouts, suspensions, passwords,
 * 2FA rules, identity providers and domains. Routine sign-ins, codes sent, app and profile edits
 * are not. Exhaustive: an action added to `auditActions` must be placed here too.
 */
export const isSecurityEvent: Record<AuditAction, boolean> = {
  'auth.signed_in': false,
  'auth.sign_in_failed': true,
  'auth.second_factor_verified': false,
  'auth.second_factor_failed': true,
  // a sign-in like any other, only without typing the code
  'auth.remembered_browser_used': false,
  'auth.password_changed': true,
  'auth.password_reset_requested': false,
  'auth.password_reset': true,
  'auth.openid_linked': true,
  'auth.openid_failed': true,
  'account.created': false,
  'account.sms_countries_updated': true,
  'account_domain.added': false,
  'account_domain.verified': true,
  'account_domain.removed': true,
  'identity_provider.created': true,
  'identity_provider.updated': true,
  'identity_provider.tested': false,
  'identity_provider.removed': true,
  'user.created': false,
  'user.invitation_sent': false,
  // a link someone could have signed up with no longer works
  'user.invitation_revoked': true,
  'user.invitation_accepted': false,
  'user.updated': false,
  'user.suspended': true,
  'user.reactivated': true,
  'user.apps_set': false,
  // an administrator signed someone out everywhere
  'user.sessions_ended': true,
  'user.removed': true,
  'profile.updated': false,
  'two_factor.enabled': true,
  'two_factor.disabled': true,
  'two_factor.reset': true,
  // codes are accepted again: who lifted a lockout matters as much as the lockout
  'two_factor.unlocked': true,
  'two_factor.enrollment_started': false,
  'two_factor.enrollment_link_sent': false,
  'two_factor.backup_codes_regenerated': true,
  'two_factor.pin_changed': true,
  'two_factor.sms_code_sent': false,
  'two_factor.passkey_renamed': false,
  'two_factor.passkey_removed': true,
  // an authenticator's counter went backwards: maybe a cloned passkey
  'two_factor.passkey_counter_regression': true,
  // a browser now skips the second factor: a way in that did not exist before
  'two_factor.browser_remembered': true,
  'two_factor.remembered_browsers_forgotten': true,
  'policy.updated': true,
  'app.created': false,
  'app.updated': false,
  'app.removed': false,
  // the whole list or log leaves the console: worth a look from whoever watches security
  'users.exported': true,
  'audit_log.exported': true,
};

/** The actions of `isSecurityEvent`, in the order of `auditActions`. */
export const securityEventActions: readonly AuditAction[] = auditActions.filter(
  (action) => isSecurityEvent[action],
);
