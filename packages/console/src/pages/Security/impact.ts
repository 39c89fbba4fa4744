import type { SecurityPolicyImpactQuery, UserType } from '@twofold/shared/graphql';
import { userTypeLabels } from '../../lib/labels';

export type Impact = SecurityPolicyImpactQuery['securityPolicyImpact'];

/** "14 Dec" (with the year when it is not this year's), in the browser's language. */
export function formatShortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** "1 App reviewer", "12 App reviewers". */
export function countOfType(count: number, userType: UserType): string {
  const label = userTypeLabels[userType];
  return `${count} ${count === 1 ? label : `${label}s`}`;
}

const are = (count: number) => (count === 1 ? 'is' : 'are');

/** When those in a grace period must enroll: "by 14 Dec", or "between 2 Dec and 14 Dec". */
function byWhen(impact: Impact, now: Date): string {
  const { earliestDeadline: first, latestDeadline: last } = impact;
  if (!first || !last) return '';
  const a = formatShortDate(first, now);
  const b = formatShortDate(last, now);
  return a === b ? `by ${b}` : `between ${a} and ${b}`;
}

/**
 * The impact of a rule in sentences an owner can act on, e.g. "12 App reviewers are not
 * enrolled; they must enroll at their next sign-in."
 */
export function describeImpact(impact: Impact, now = new Date()): string[] {
  const lines: string[] = [];
  const { notEnrolled, enrollAtNextSignIn, inGracePeriod, onlyRemovedMethods, userType } = impact;
  if (impact.users === 0) {
    return [`There are no ${userTypeLabels[userType]}s yet: the rule applies to those you add.`];
  }
  if (notEnrolled === 0) {
    lines.push(
      `All ${countOfType(impact.users, userType)} already meet this rule: nobody has to set anything up.`,
    );
  } else {
    const who = `${countOfType(notEnrolled, userType)} ${are(notEnrolled)} not enrolled`;
    if (inGracePeriod === 0) {
      lines.push(`${who}; they must enroll at their next sign-in.`);
    } else if (enrollAtNextSignIn === 0) {
      lines.push(`${who}; they must enroll ${byWhen(impact, now)}.`);
    } else {
      lines.push(
        `${who}: ${enrollAtNextSignIn} must enroll at their next sign-in, ` +
          `${inGracePeriod} ${byWhen(impact, now)}.`,
      );
    }
  }
  if (onlyRemovedMethods > 0) {
    lines.push(
      `${onlyRemovedMethods} ${onlyRemovedMethods === 1 ? 'holds' : 'hold'} only a method you are ` +
        'removing: it still guards their sign-in, but they must set up an allowed method too.',
    );
  }
  if (impact.withoutPasskey > 0) {
    const n = impact.withoutPasskey;
    lines.push(
      `${countOfType(n, userType)} ${n === 1 ? 'holds' : 'hold'} no passkey yet: only a passkey counts for them once ` +
        'the rule is phishing-resistant only.',
    );
  }
  if (impact.callerMustEnroll) {
    lines.push(
      impact.callerDeadline
        ? `This includes you: you must set up two-factor authentication by ${formatShortDate(impact.callerDeadline, now)}.`
        : 'This includes you: you will have to set up two-factor authentication at once, right after saving.',
    );
  }
  return lines;
}

/** What of a rule decides how strict it is (a form's number fields may hold text). */
export interface RuleStrictness {
  enforcement: string;
  allowedMethods: readonly string[];
  phishingResistantOnly: boolean;
  rememberDeviceDays: number | string;
}

/**
 * True when the rule asks more of users than the saved one: stricter enforcement, fewer methods,
 * phishing-resistant only turned on, or browsers remembered for fewer days — the server's own
 * test for forgetting the type's remembered browsers (docs/design.md, Remembered browsers).
 */
export function isStricter(saved: RuleStrictness, next: RuleStrictness): boolean {
  const rank: Record<string, number> = { OFF: 0, OPTIONAL: 1, REQUIRED: 2 };
  return (
    (rank[next.enforcement] ?? 0) > (rank[saved.enforcement] ?? 0) ||
    saved.allowedMethods.some((m) => !next.allowedMethods.includes(m)) ||
    (next.phishingResistantOnly && !saved.phishingResistantOnly) ||
    Number(next.rememberDeviceDays) < Number(saved.rememberDeviceDays)
  );
}

/**
 * What the change does to remembered browsers, told before the owner saves: a stricter rule
 * forgets every browser remembered for the type (docs/design.md, Remembered browsers).
 */
export function describeRemembering(saved: RuleStrictness, next: RuleStrictness): string | null {
  const days = Number(next.rememberDeviceDays);
  const before = Number(saved.rememberDeviceDays);
  const forDays = `${days} ${days === 1 ? 'day' : 'days'}`;
  if (before > 0 && isStricter(saved, next)) {
    return days > 0
      ? `Browsers remembered under the current rule are forgotten: they ask for a second factor again, then are remembered for ${forDays}.`
      : 'Browsers remembered under the current rule are forgotten, and no browser is remembered any more.';
  }
  // not stricter: the days stayed or grew
  return days > before ? `After a second factor, a browser may skip it for ${forDays}.` : null;
}
