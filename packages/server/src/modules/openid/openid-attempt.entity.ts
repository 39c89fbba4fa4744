import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { IdentityProvider } from './identity-provider.entity';

export enum OpenIdPurpose {
  /** A user signing in. */
  SIGN_IN = 'SIGN_IN',
  /** An owner checking the provider's settings: no session comes of it. */
  TEST = 'TEST',
}

/**
 * One authorization request on its way through the provider: what the callback must find to
 * accept its answer. Only the SHA-256 of `state` is stored; the browser holds `state` itself in a
 * cookie, so an answer cannot be replayed into another browser. The nonce and the PKCE verifier
 * are derived from `state` with a server key (attemptSecrets), so a database dump holds nothing
 * that redeems a code. Taken once (a conditional DELETE).
 */
@Entity({ name: 'openid_attempts' })
export class OpenIdAttempt extends WithUuid {
  @Index('uq_openid_attempts_state_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  stateHash: string;

  @Column({ type: 'varchar', length: 36 })
  identityProviderId: string;

  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityProviderId' })
  identityProvider?: IdentityProvider;

  @Column({ type: 'simple-enum', enum: OpenIdPurpose })
  purpose: OpenIdPurpose;

  /** The owner who started a TEST; null for sign-ins. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  startedByUserId: string | null;

  @TimestampColumn()
  createdAt: Date;

  @Index('ix_openid_attempts_expiry')
  @TimestampColumn()
  expiresAt: Date;
}
