const minute = 60_000;
const day = 24 * 60 * minute;

/** What counts as dead, relative to `now` (docs/design.md, Security baseline lifetimes, issue: housekeeping). */
export interface PurgeCutoffs {
  /** Sessions unseen since then are past every stage's idle limit (ACTIVE's 30 min is the longest). */
  sessionsIdleBefore: Date;
  /** Sessions whose absolute expiry is before this. */
  sessionsExpiredBefore: Date;
  /** Link tokens expiring before this (used ones go whatever their expiry). */
  linksExpiredBefore: Date;
  /** Rate-limit windows started before this have ended, for the longest rule (24 h). */
  rateWindowsStartedBefore: Date;
  /** SMS codes expiring before this. */
  smsCodesExpiredBefore: Date;
  /** Factors left PENDING (an enrollment never confirmed) since before this. */
  pendingFactorsBefore: Date;
  /** OpenID sign-ins that never came back from the provider, expiring before this. */
  openIdAttemptsExpiredBefore: Date;
  /** Remembered browsers expiring before this (docs/design.md, Remembered browsers). */
  rememberedDevicesExpiredBefore: Date;
  /** WebAuthn challenges expiring before this (docs/design.md, Passkeys: 5 minutes). */
  webAuthnChallengesExpiredBefore: Date;
  /** Audit events before this; null keeps them for ever (AUDIT_RETENTION_DAYS=0). */
  auditBefore: Date | null;
}

/** The longest rate-limit window of any rule (the SMS daily cap per account). */
export const longestRateWindowMs = day;

export function purgeCutoffs(
  now: Date,
  options: { auditRetentionDays: number; longestSessionIdleMs: number },
): PurgeCutoffs {
  const at = (ms: number) => new Date(now.getTime() - ms);
  return {
    sessionsIdleBefore: at(options.longestSessionIdleMs),
    sessionsExpiredBefore: now,
    linksExpiredBefore: now,
    rateWindowsStartedBefore: at(longestRateWindowMs),
    smsCodesExpiredBefore: now,
    pendingFactorsBefore: at(day),
    openIdAttemptsExpiredBefore: now,
    rememberedDevicesExpiredBefore: now,
    webAuthnChallengesExpiredBefore: now,
    auditBefore: options.auditRetentionDays > 0 ? at(options.auditRetentionDays * day) : null,
  };
}
