import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { User } from '../user/user.entity';

export enum FactorStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
}

/**
 * An authenticator app linked to a profile. At most one ACTIVE and one PENDING per profile: a
 * re-link keeps the working factor until the new one is confirmed.
 */
@Entity({ name: 'authenticator_factors' })
@Index('uq_authenticator_factors_user_status', ['userId', 'status'], { unique: true })
export class AuthenticatorFactor extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** The TOTP secret sealed with AES-256-GCM (SecretBox): key id, IV, tag, ciphertext. */
  @Column({ type: 'varchar', length: 255 })
  secretSealed: string;

  @Column({ type: 'simple-enum', enum: FactorStatus })
  status: FactorStatus;

  /** The newest accepted time step: a code is accepted at most once (docs/design.md, Second-factor rules). */
  @Column({ type: 'int', nullable: true })
  lastUsedStep: number | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  confirmedAt: Date | null;

  /**
   * When a code of this factor was last accepted once it was set up (at sign-in, or confirming a
   * change); null until then. Administrators see it on the user's page.
   */
  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  /**
   * Begun through an administrator's enrollment link (docs/design.md, Second-factor rules): such a PENDING factor may be
   * confirmed from a session at SECOND_FACTOR, by a user who lost the phone holding the old one.
   */
  @Column({ type: 'boolean', default: false })
  viaLink: boolean;

  /**
   * Whether verifying this factor gives a session login assurance (docs/design.md,
   * Login assurance): false when it was set up by a session without it, e.g. on the password's word
   * while another profile of the login held a factor.
   */
  @Column({ type: 'boolean', default: true })
  vouchesForLogin: boolean;
}

/**
 * A PIN code (docs/design.md, Second-factor rules, seed 004): a second knowledge factor, stored as a keyed argon2id hash
 * (crypto/pin-hash.ts).
 */
@Entity({ name: 'pin_factors' })
export class PinFactor {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'varchar', length: 255 })
  pinHash: string;

  /**
   * Whether `pinHash` was made with the PIN key. Hashes stored before PINs were keyed are false
   * (the migration's default) until their next successful check replaces them.
   */
  @Column({ type: 'boolean', default: false })
  keyed: boolean;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  /**
   * When a code of this factor was last accepted once it was set up (at sign-in, or confirming a
   * change); null until then. Administrators see it on the user's page.
   */
  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  /**
   * Whether verifying this factor gives a session login assurance (docs/design.md,
   * Login assurance): false when it was set up by a session without it, e.g. on the password's word
   * while another profile of the login held a factor.
   */
  @Column({ type: 'boolean', default: true })
  vouchesForLogin: boolean;
}

/**
 * A phone number receiving SMS codes. At most one ACTIVE and one PENDING per profile, like
 * authenticators. The number is sealed at rest; `phoneHash` (an HMAC) names it in send limits.
 * The one live code is kept as an HMAC with its expiry: a new code replaces it, using it clears it.
 */
@Entity({ name: 'sms_factors' })
@Index('uq_sms_factors_user_status', ['userId', 'status'], { unique: true })
export class SmsFactor extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** The E.164 number sealed with AES-256-GCM (SecretBox). */
  @Column({ type: 'varchar', length: 255 })
  phoneSealed: string;

  @Index('ix_sms_factors_phone')
  @Column({ type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ type: 'simple-enum', enum: FactorStatus })
  status: FactorStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  codeHash: string | null;

  @TimestampColumn({ nullable: true })
  codeExpiresAt: Date | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  confirmedAt: Date | null;

  /**
   * When a code of this factor was last accepted once it was set up (at sign-in, or confirming a
   * change); null until then. Administrators see it on the user's page.
   */
  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  /**
   * Whether verifying this factor gives a session login assurance (docs/design.md,
   * Login assurance): false when it was set up by a session without it, e.g. on the password's word
   * while another profile of the login held a factor.
   */
  @Column({ type: 'boolean', default: true })
  vouchesForLogin: boolean;
}

/** One single-use recovery code, stored only as an HMAC with a server-side pepper. */
@Entity({ name: 'backup_codes' })
@Index('ix_backup_codes_user', ['userId', 'usedAt'])
export class BackupCode extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Index('uq_backup_codes_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}

/**
 * The second-factor lockout state of a profile, separate from password attempts and shared by
 * every server instance: attempts are counted here, one atomic update each.
 */
@Entity({ name: 'second_factor_guards' })
export class SecondFactorGuard {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'int', default: 0 })
  lockCount: number;

  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  /** 100 consecutive failures: the factor stays disabled until an administrator resets it. */
  @TimestampColumn({ nullable: true })
  disabledAt: Date | null;
}
