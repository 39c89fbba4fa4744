import type { ImpactGroup } from '../two-factor/status/stored-counts';
import { stateOfHeld } from '../two-factor/status/stored-counts';
import type { ImpactSubject } from './policy-impact';

/**
 * The weighted subjects policyImpact() reads for groups of profiles: what it decides of a profile
 * depends on its deadline only through whether the deadline is missing, passed or ahead, and
 * keeps the order of deadlines ahead (docs/design.md, Stored 2FA status). So each group stands
 * for its profiles as: those without a deadline, those whose deadline passed (as `now`), and those
 * ahead as their earliest and latest deadline.
 */
export function subjectsOfGroups(groups: readonly ImpactGroup[], now: Date): ImpactSubject[] {
  const subjects: ImpactSubject[] = [];
  for (const group of groups) {
    const state = stateOfHeld(group.held);
    const subject = (twoFactorDeadline: Date | null, weight: number): ImpactSubject => ({
      user: {
        id: '',
        twoFactorRequirement: group.requirement,
        twoFactorDeadline,
        // only whether it is null counts
        lastSignInAt: group.signedIn ? new Date(0) : null,
      },
      state,
      weight,
    });
    subjects.push(subject(null, group.withoutDeadline), subject(now, group.deadlinePassed));
    if (group.ahead) {
      subjects.push(subject(group.ahead.earliest, 1));
      subjects.push(subject(group.ahead.latest, group.ahead.count - 1));
    }
  }
  return subjects;
}
