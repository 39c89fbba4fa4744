import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Identity } from '../identity/identity.entity';

export enum LinkPurpose {
  INVITATION = 'INVITATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
  ENROLLMENT = 'ENROLLMENT',
}

/** A single-use emailed link. Only the SHA-256 of the token is stored. */
@Entity({ name: 'link_tokens' })
@Index('ix_link_tokens_identity_purpose', ['identityId', 'purpose'])
export class LinkToken extends WithUuid {
  @Index('uq_link_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'simple-enum', enum: LinkPurpose })
  purpose: LinkPurpose;

  @Column({ type: 'varchar', length: 36 })
  identityId: string;

  @ManyToOne(() => Identity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identityId' })
  identity?: Identity;

  /** The profile the link is about (invitation, enrollment); null for password resets. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Index('ix_link_tokens_expiry')
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
