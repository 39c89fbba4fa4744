/**
 * Every action the server writes to an audit log or a login's security activity. The console
 * keeps words for each in an exhaustive map, so a new action without words fails its type check.
 */
export const auditActions = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.second_factor_verified',
  'auth.second_factor_failed',
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
  'user.invitation_accepted',
  'user.updated',
  'user.suspended',
  'user.reactivated',
  'user.apps_set',
  'user.removed',
  'profile.updated',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.reset',
  'two_factor.enrollment_started',
  'two_factor.enrollment_link_sent',
  'two_factor.backup_codes_regenerated',
  'two_factor.pin_changed',
  'two_factor.sms_code_sent',
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
