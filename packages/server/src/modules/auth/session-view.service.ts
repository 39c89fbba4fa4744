import {
  type SecondFactorKind,
  type SecondFactorWaiver,
  SessionStage,
  TwoFactorMethod,
  type TokenTransport,
  UserStatus,
} from '@twofold/shared';
import type { DataSource } from 'typeorm';
import {
  rememberBrowserDays,
  rememberContextOf,
} from '../remembered-device/remembered-device-rules';
import { acceptedSecondFactors, enrollmentPending } from '../two-factor/status/facts';
import { User } from '../user/user.entity';
import type { Caller, Profile } from './caller';

/** docs/design.md, Second-factor rules: the user is warned when this many backup codes or fewer remain. */
export const LOW_BACKUP_CODES = 3;

export interface ProfileChoice {
  userId: string;
  accountName: string;
  displayName: string;
  userType: User['userType'];
}

/** What a session looks like to its holder (docs/design.md, GraphQL contract: `Session`). */
export interface SessionDescription {
  stage: SessionStage;
  waiver: SecondFactorWaiver | null;
  /** The OpenID provider the session was opened through; null after a password. */
  identityProviderName: string | null;
  expiresAt: Date;
  transport: TokenTransport;
  profiles: ProfileChoice[];
  user: User | null;
  availableSecondFactors: SecondFactorKind[];
  /** At SECOND_FACTOR: for how many days verifySecondFactor may remember the browser (0: not). */
  rememberBrowserDays: number;
  enrollment: {
    allowedMethods: TwoFactorMethod[];
    deadline: Date | null;
    deadlineMissed: boolean;
  } | null;
  /** Unused backup codes of an ACTIVE profile with a factor; null otherwise. */
  backupCodesRemaining: number | null;
  backupCodesLow: boolean;
}

/** What a session looks like to its holder: its stage, profiles to choose, factors, enrollment. */
export class SessionViewService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * The identity's active profiles for PROFILE_SELECTION: across accounts after a password, in the
   * provider's account only after an OpenID sign-in.
   */
  activeProfiles(identityId: string, accountId?: string): Promise<Profile[]> {
    return this.deps.dataSource.getRepository(User).find({
      where: { identityId, status: UserStatus.ACTIVE, ...(accountId ? { accountId } : {}) },
      relations: { account: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    }) as Promise<Profile[]>;
  }
  /** The profiles the caller's session may choose from (activeProfiles). */
  async selectableProfiles(caller: Caller): Promise<Profile[]> {
    const { session } = caller;
    if (session.identityProviderId === null) return this.activeProfiles(caller.identity.id);
    // a provider speaks for its own account only; without it, for none
    const accountId = session.identityProvider?.accountId;
    return accountId ? this.activeProfiles(caller.identity.id, accountId) : [];
  }
  async describe(caller: Caller): Promise<SessionDescription> {
    const profiles =
      caller.stage === SessionStage.PROFILE_SELECTION
        ? (await this.selectableProfiles(caller)).map((p) => ({
            userId: p.id,
            accountName: p.account.name,
            displayName: p.displayName,
            userType: p.userType,
          }))
        : [];
    const remaining =
      caller.stage === SessionStage.ACTIVE && caller.facts?.hasActiveFactor
        ? caller.facts.backupCodesRemaining
        : null;
    return {
      stage: caller.stage,
      waiver: caller.waiver,
      identityProviderName: caller.session.identityProvider?.displayName ?? null,
      expiresAt: caller.expiresAt,
      transport: caller.session.transport,
      profiles,
      user: caller.user,
      availableSecondFactors: this.availableSecondFactorsOf(caller),
      rememberBrowserDays:
        caller.stage === SessionStage.SECOND_FACTOR && caller.user
          ? rememberBrowserDays(rememberContextOf(caller.session, caller.policy))
          : 0,
      enrollment: this.enrollmentOf(caller),
      backupCodesRemaining: remaining,
      backupCodesLow: remaining !== null && remaining <= LOW_BACKUP_CODES,
    };
  }
  /** At SECOND_FACTOR: what verifySecondFactor can check for this profile. */
  private availableSecondFactorsOf(caller: Caller): SecondFactorKind[] {
    const { facts } = caller;
    if (caller.stage !== SessionStage.SECOND_FACTOR || !facts) return [];
    // the user picks any method they hold; backup codes while some are left
    return acceptedSecondFactors(facts);
  }
  /** Filled while 2FA is required and not set up: in ENROLLMENT and during a grace period. */
  enrollmentOf(
    caller: Pick<Caller, 'facts' | 'policy' | 'waiver' | 'session'>,
  ): SessionDescription['enrollment'] {
    const { facts, policy } = caller;
    // the provider's second factor stands in for Twofold's: nothing to set up here
    if (!facts || caller.waiver || !enrollmentPending(facts)) return null;
    // a phishing-resistant-only type takes passkeys alone (docs/design.md, Passkeys)
    const allowed = policy?.phishingResistantOnly
      ? [TwoFactorMethod.PASSKEY]
      : (policy?.allowedMethods ?? []);
    return {
      // a profile required by an administrator under a type without methods still gets the app
      allowedMethods: allowed.length > 0 ? allowed : [TwoFactorMethod.AUTHENTICATOR_APP],
      deadline: facts.deadline,
      deadlineMissed:
        facts.deadline !== null && facts.deadline.getTime() < caller.session.createdAt.getTime(),
    };
  }
}
