import { Enforcement, type TwoFactorMethod, UserType } from '@twofold/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Account } from '../account/account.entity';

/** The 2FA rule of one user type in one account. */
@Entity({ name: 'security_policies' })
@Index('uq_security_policies_account_type', ['accountId', 'userType'], { unique: true })
export class SecurityPolicy extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Column({ type: 'simple-enum', enum: UserType })
  userType: UserType;

  @Column({ type: 'simple-enum', enum: Enforcement })
  enforcement: Enforcement;

  @Column({ type: 'simple-json' })
  allowedMethods: TwoFactorMethod[];

  @Column({ type: 'int' })
  gracePeriodDays: number;

  @TimestampColumn()
  updatedAt: Date;
}
