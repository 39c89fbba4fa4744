import { TwoFactorRequirement, UserType } from '@twofold/shared';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from '../../account/account.entity';
import { StoredTwoFactorBase } from './stored-base-values';

/**
 * How many profiles of an account share one combination of the stored 2FA inputs
 * (docs/design.md, Stored 2FA status): kept by triggers on `users`, so compliance and the impact
 * preview read a few rows instead of every profile.
 */
@Entity({ name: 'two_factor_counts' })
export class TwoFactorCount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @PrimaryColumn({ type: 'simple-enum', enum: UserType })
  userType: UserType;

  @PrimaryColumn({ type: 'simple-enum', enum: StoredTwoFactorBase })
  base: StoredTwoFactorBase;

  @PrimaryColumn({ type: 'boolean' })
  possession: boolean;

  @PrimaryColumn({ type: 'int' })
  held: number;

  @PrimaryColumn({ type: 'simple-enum', enum: TwoFactorRequirement })
  requirement: TwoFactorRequirement;

  @PrimaryColumn({ type: 'boolean' })
  signedIn: boolean;

  @PrimaryColumn({ type: 'boolean' })
  hasDeadline: boolean;

  @Column({ type: 'int' })
  count: number;
}
