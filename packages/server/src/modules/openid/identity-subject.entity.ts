import { createHash } from 'node:crypto';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Identity } from '../identity/identity.entity';
import { IdentityProvider } from './identity-provider.entity';

/** The stored form of a subject at an issuer. */
export function subjectHashOf(issuer: string, subject: string): string {
  return createHash('sha256').update(`${issuer}\0${subject}`).digest('hex');
}

/**
 * A login's OpenID subject at one provider: later sign-ins find the login by `sub`, never again
 * by email (an email can change hands at the provider; a subject cannot).
 */
@Entity({ name: 'identity_subjects' })
@Index('uq_identity_subjects_provider_subject', ['identityProviderId', 'subjectHash'], {
  unique: true,
})
@Index('uq_identity_subjects_provider_identity', ['identityProviderId', 'identityId'], {
  unique: true,
})
export class IdentitySubject extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  identityProviderId: string;

  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityProviderId' })
  identityProvider?: IdentityProvider;

  /**
   * SHA-256 of the issuer and the ID token's `sub` (subjectHashOf): compared byte for byte on
   * every dialect (a MariaDB collation would match `Alice` to `alice`), and bound to the issuer,
   * so a provider pointed at another issuer matches none of its old links.
   */
  @Column({ type: 'varchar', length: 64 })
  subjectHash: string;

  @Index('ix_identity_subjects_identity')
  @Column({ type: 'varchar', length: 36 })
  identityId: string;

  @ManyToOne(() => Identity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityId' })
  identity?: Identity;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  lastSignInAt: Date;
}
