import { TwoFactorRequirement, UserStatus, UserType } from '@twofold/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, type EntityManager, Index, JoinColumn, ManyToOne } from 'typeorm';
import { isSqlite } from '../../db/dialect';
import { Inherit, PastSecondFactor } from '../../graphql/access';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Account } from '../account/account.entity';
import { StoredTwoFactorBase } from '../two-factor/status/stored-base-values';
import { Identity } from '../identity/identity.entity';

/** A profile: one identity's role in one account. */
@Entity({ name: 'users' })
@ObjectType({
  description: 'A profile: one login’s role in one account. Never exposes a secret or a hash.',
})
@Inherit()
@Index('uq_users_account_identity_type', ['accountId', 'identityId', 'userType'], { unique: true })
@Index('ix_users_account_name', ['accountId', 'displayName', 'id'])
// the stored 2FA status (docs/design.md, Stored 2FA status): filtered pages, the grace list and counts
@Index('ix_users_tf_base_name', [
  'accountId',
  'twoFactorBase',
  'displayName',
  'id',
  'twoFactorLockedUntil',
])
@Index('ix_users_tf_type_base_name', [
  'accountId',
  'userType',
  'twoFactorBase',
  'displayName',
  'id',
  'twoFactorLockedUntil',
])
@Index('ix_users_tf_base_deadline', [
  'accountId',
  'twoFactorBase',
  'twoFactorDeadline',
  'displayName',
  'id',
  'twoFactorLockedUntil',
])
@Index('ix_users_tf_locked', ['accountId', 'twoFactorLockedUntil'])
@Index('ix_users_tf_base_lock', ['accountId', 'twoFactorBase', 'twoFactorLockedUntil'])
@Index('ix_users_tf_type_deadline', [
  'accountId',
  'userType',
  'twoFactorBase',
  'twoFactorDeadline',
  'twoFactorLockedUntil',
  'twoFactorHeld',
  'twoFactorRequirement',
  'lastSignInAt',
])
// the users page narrowed by type or by status reads in its order (docs/design.md, Lists at scale)
@Index('ix_users_account_type_name', ['accountId', 'userType', 'displayName', 'id'])
@Index('ix_users_account_status_name', ['accountId', 'status', 'displayName', 'id'])
// search is a prefix of either key: a range on one of these
@Index('ix_users_account_search_name', ['accountId', 'searchName'])
@Index('ix_users_account_search_email', ['accountId', 'searchEmail'])
export class User extends WithUuid {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Index('ix_users_identity')
  @Column({ type: 'varchar', length: 36 })
  identityId: string;

  @ManyToOne(() => Identity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityId' })
  identity?: Identity;

  @Field({ description: 'Name shown in lists and emails.' })
  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  /**
   * `displayName` folded by `searchKey`, written with it (`searchKeysOf`): what search compares,
   * the same bytes on both dialects (docs/design.md, Lists at scale).
   */
  @Column({ type: 'varchar', length: 100 })
  searchName: string;

  /**
   * The login's email folded by `searchKey`, copied onto the profile when it is made: logins are
   * shared by accounts, and a login's email never changes.
   */
  @Column({ type: 'varchar', length: 254 })
  searchEmail: string;

  @Field(() => UserType, { description: 'What the profile may do.' })
  @Column({ type: 'simple-enum', enum: UserType })
  userType: UserType;

  @PastSecondFactor()
  @Field({
    description: 'Owners configure security policies; an account always keeps at least one.',
  })
  @Column({ type: 'boolean', default: false })
  isOwner: boolean;

  @PastSecondFactor()
  @Field(() => UserStatus, {
    description: 'INVITED until the invitation is accepted; SUSPENDED cannot sign in.',
  })
  @Column({ type: 'simple-enum', enum: UserStatus })
  status: UserStatus;

  @Column({
    type: 'simple-enum',
    enum: TwoFactorRequirement,
    default: TwoFactorRequirement.INHERIT,
  })
  twoFactorRequirement: TwoFactorRequirement;

  /** When enrollment becomes mandatory; fixed once, never extended by later edits. */
  @TimestampColumn({ nullable: true })
  twoFactorDeadline: Date | null;

  /**
   * When the login's owner accepted this profile (or it was created active for a login already
   * signed in to the account). Never set, the profile cannot be made ACTIVE by an administrator:
   * only its login's owner says yes to a tenant (docs/design.md, Permissions).
   */
  @TimestampColumn({ nullable: true })
  acceptedAt: Date | null;

  /**
   * When an invitation was last mailed to the profile; kept once it is accepted or revoked, so a
   * profile never invited can be told from one whose invitation was revoked.
   */
  @TimestampColumn({ nullable: true })
  invitedAt: Date | null;

  /**
   * Until when the profile's pending invitation link works; null while no link is pending (never
   * sent, accepted or revoked). The link itself (link_tokens) decides whether it is accepted: this
   * copy is what lists show, since used and expired links are purged (docs/design.md, Invitations).
   */
  @TimestampColumn({ nullable: true })
  invitationExpiresAt: Date | null;

  @PastSecondFactor()
  @Field(() => Date, { nullable: true, description: 'Last time this profile signed in.' })
  @TimestampColumn({ nullable: true })
  lastSignInAt: Date | null;

  /**
   * The columns below are kept by database triggers from the factor, guard and policy rows, in the
   * statement that changes them (docs/design.md, Stored 2FA status); the code never writes them.
   * Confirmed methods held, as `heldBits`.
   */
  @Column({ type: 'int', default: 0 })
  twoFactorHeld: number;

  /** The second-factor lock's end; a disabled factor step stores `disabledLockSentinel`. */
  @TimestampColumn({ nullable: true })
  twoFactorLockedUntil: Date | null;

  /** The status without lock and clock (`storedBaseOf`). */
  @Column({
    type: 'simple-enum',
    enum: StoredTwoFactorBase,
    default: StoredTwoFactorBase.OPTIONAL_OFF,
  })
  twoFactorBase: StoredTwoFactorBase;

  /** Holds a confirmed app or phone its type allows (summarize()'s `hasPossessionFactor`). */
  @Column({ type: 'boolean', default: false })
  twoFactorPossession: boolean;

  @PastSecondFactor()
  @Field({ description: 'When the profile was created.' })
  @TimestampColumn()
  createdAt: Date;
}

/**
 * A profile of the account, its row locked until the transaction ends on dialects with row locks
 * (SQLite runs one transaction at a time already), or null. Invitations are sent, revoked and
 * accepted under this lock, taken before the link rows, so the three never pass each other.
 */
export function lockedProfile(
  manager: EntityManager,
  where: { id: string; accountId?: string },
): Promise<User | null> {
  const query = manager
    .getRepository(User)
    .createQueryBuilder('user')
    .where('user.id = :id', where);
  if (where.accountId !== undefined) query.andWhere('user.accountId = :accountId', where);
  if (!isSqlite(manager.connection)) query.setLock('pessimistic_write');
  return query.getOne();
}
