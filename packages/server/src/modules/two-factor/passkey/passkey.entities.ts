import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../../db/columns';
import { Session } from '../../session/session.entity';
import { User } from '../../user/user.entity';

/**
 * A passkey (WebAuthn credential) registered by a profile (docs/design.md, Passkeys): a
 * possession factor, and with user verification an inherence one. Several per profile, each named.
 * Only public material is kept: a database dump cannot sign an assertion.
 */
@Entity({ name: 'passkey_factors' })
@Index('ix_passkey_factors_user', ['userId', 'createdAt'])
export class PasskeyFactor extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /**
   * SHA-256 (hex) of the credential id: unique across every profile, so one authenticator's
   * credential can never be registered twice, and ids of any length fit a portable index.
   */
  @Index('uq_passkey_factors_credential', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  credentialIdHash: string;

  /** The credential id, base64url. */
  @Column({ type: 'text' })
  credentialId: string;

  /** The COSE public key, base64url. */
  @Column({ type: 'text' })
  publicKey: string;

  /** The authenticator's signature counter as last seen (0 for authenticators that keep none). */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: Number } })
  signCount: number;

  /** The transports the browser reported (`internal`, `usb`, `hybrid`, …), as hints for sign-in. */
  @Column({ type: 'simple-json' })
  transports: string[];

  /** The authenticator model's AAGUID (all zeros when it does not say). */
  @Column({ type: 'varchar', length: 36 })
  aaguid: string;

  /** The user's name for it ("Work laptop"). */
  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Whether the credential may be synced between devices, and whether it is backed up now. */
  @Column({ type: 'boolean', default: false })
  multiDevice: boolean;

  @Column({ type: 'boolean', default: false })
  backedUp: boolean;

  @TimestampColumn()
  createdAt: Date;

  /** When an assertion of this passkey was last accepted; null until then. */
  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  /** Whether verifying it gives a session login assurance, as for the other factors. */
  @Column({ type: 'boolean', default: true })
  vouchesForLogin: boolean;
}

export enum WebAuthnCeremony {
  REGISTRATION = 'REGISTRATION',
  AUTHENTICATION = 'AUTHENTICATION',
}

/**
 * A WebAuthn challenge handed to a browser: single use, 5 minutes, bound to the session that asked
 * for it and to its profile. Only its SHA-256 is stored.
 */
@Entity({ name: 'webauthn_challenges' })
export class WebAuthnChallenge extends WithUuid {
  @Index('uq_webauthn_challenges_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  challengeHash: string;

  @Index('ix_webauthn_challenges_session')
  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: Session;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'simple-enum', enum: WebAuthnCeremony })
  ceremony: WebAuthnCeremony;

  @TimestampColumn()
  createdAt: Date;

  @Index('ix_webauthn_challenges_expires')
  @TimestampColumn()
  expiresAt: Date;
}
