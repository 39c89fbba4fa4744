import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Identity } from '../identity/identity.entity';
import { IdentityProvider } from './identity-provider.entity';

/**
 * A login's OpenID subject at one provider: later sign-ins find the login by `sub`, never again
 * by email (an email can change hands at the provider; a subject cannot).
 */
@Entity({ name: 'identity_subjects' })
@Index('uq_identity_subjects_provider_subject', ['identityProviderId', 'subject'], {
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

  /** The ID token's `sub` (at most 255 ASCII characters, OpenID Connect Core §2). */
  @Column({ type: 'varchar', length: 255 })
  subject: string;

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
