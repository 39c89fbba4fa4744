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
  if (impact.callerMustEnroll) {
    lines.push(
      impact.callerDeadline
        ? `This includes you: you must set up two-factor authentication by ${formatShortDate(impact.callerDeadline, now)}.`
        : 'This includes you: you will have to set up two-factor authentication at once, right after saving.',
    );
  }
  return lines;
}

/** True when the rule asks more of users than the saved one: stricter enforcement or fewer methods. */
export function isStricter(
  saved: { enforcement: string; allowedMethods: readonly string[] },
  next: { enforcement: string; allowedMethods: readonly string[] },
): boolean {
  const rank: Record<string, number> = { OFF: 0, OPTIONAL: 1, REQUIRED: 2 };
  return (
    (rank[next.enforcement] ?? 0) > (rank[saved.enforcement] ?? 0) ||
    saved.allowedMethods.some((m) => !next.allowedMethods.includes(m))
  );
}
