import { Platform } from '@twofold/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Active, Inherit } from '../../graphql/access';
import { Permission } from '../auth/permissions';
import { Account } from '../account/account.entity';
import { User } from '../user/user.entity';

/** An app of the account; settings are readable only with APP_SETTINGS_READ (docs/design.md, Permissions). */
@Entity({ name: 'apps' })
@ObjectType({
  description:
    'An app of the account. Owners and Administrators see every app; other profiles only the apps assigned to them.',
})
@Inherit()
@Index('ix_apps_account_name', ['accountId', 'name'])
export class App extends WithUuid {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Field({ description: 'Name shown in lists.' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => Platform, { description: 'Where the app runs.' })
  @Column({ type: 'simple-enum', enum: Platform })
  platform: Platform;

  @Field(() => String, {
    nullable: true,
    description:
      'Reverse-DNS bundle identifier (a setting). FORBIDDEN for profiles that may not read app settings.',
  })
  @Active(Permission.APP_SETTINGS_READ)
  @Column({ type: 'varchar', length: 155 })
  bundleId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'http(s) URL of the preview build (a setting). FORBIDDEN for profiles that may not read app settings.',
  })
  @Active(Permission.APP_SETTINGS_READ)
  @Column({ type: 'varchar', length: 2048 })
  previewUrl: string;

  @Field({ description: 'When the app was created.' })
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
