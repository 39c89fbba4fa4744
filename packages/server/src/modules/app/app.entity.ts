import { Platform } from '@twofold/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Account } from '../account/account.entity';
import { User } from '../user/user.entity';

@Entity({ name: 'apps' })
@Index('ix_apps_account_name', ['accountId', 'name'])
export class App extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'simple-enum', enum: Platform })
  platform: Platform;

  @Column({ type: 'varchar', length: 155 })
  bundleId: string;

  @Column({ type: 'varchar', length: 2048 })
  previewUrl: string;

  @TimestampColumn()
  createdAt: Date;
}

/** Which apps a user is assigned to (App Administrators, Reviewers and Report Viewers). */
@Entity({ name: 'user_apps' })
export class UserApp {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Index('ix_user_apps_app')
  @PrimaryColumn({ type: 'varchar', length: 36 })
  appId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ManyToOne(() => App, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'appId' })
  app?: App;
}
