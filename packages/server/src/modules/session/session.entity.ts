import { TokenTransport } from '@twofold/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Identity } from '../identity/identity.entity';
import { IdentityProvider } from '../openid/identity-provider.entity';
import { User } from '../user/user.entity';

/**
 * A signed-in browser or API client. The token itself is never stored, only its SHA-256. The
 * stage is not stored either: it is computed on every request from the profile, policy and factors.
 */
@Entity({ name: 'sessions' })
export class Session extends WithUuid {
  @Index('uq_sessions_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_sessions_identity')
  @Column({ type: 'varchar', length: 36 })
  identityId: string;

  @ManyToOne(() => Identity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityId' })
  identity?: Identity;

  /** The selected profile; null while the identity chooses one. */
  @Index('ix_sessions_user')
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User | null;

  /** Set when the profile's second factor was verified in this session. */
  @TimestampColumn({ nullable: true })
  secondFactorVerifiedAt: Date | null;

  /**
   * Set when this session verified a factor its profile already held (not one it enrolled): the
   * mark that lets it use the login-wide powers (see login-assurance.ts).
   */
  @TimestampColumn({ nullable: true })
  heldFactorVerifiedAt: Date | null;

  /**
   * Set when the session was opened through the account's OpenID provider: removing the provider
   * ends its sessions, and only its account's profiles can be chosen.
   */
  @Index('ix_sessions_identity_provider')
  @Column({ type: 'varchar', length: 36, nullable: true })
  identityProviderId: string | null;

  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityProviderId' })
  identityProvider?: IdentityProvider | null;

  /**
   * The ID token's `amr` (space-separated) and `acr`: whether the provider's second factor counts
   * is decided on every request from the provider's current policy.
   */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerAmr: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  providerAcr: string | null;

  /**
   * The ID token's `auth_time`: how long before this session was opened the person signed in at
   * the provider, for rules that waive the second factor only after a fresh sign-in.
   */
  @TimestampColumn({ nullable: true })
  providerAuthAt: Date | null;

  @Column({ type: 'simple-enum', enum: TokenTransport })
  transport: TokenTransport;

  @TimestampColumn()
  createdAt: Date;

  @Index('ix_sessions_last_seen')
  @TimestampColumn()
  lastSeenAt: Date;

  @Index('ix_sessions_absolute_expiry')
  /** createdAt + the absolute lifetime; the idle limit is checked against lastSeenAt. */
  @TimestampColumn()
  absoluteExpiresAt: Date;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;
}
