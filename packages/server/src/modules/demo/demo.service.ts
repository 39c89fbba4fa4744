import { randomBytes } from 'node:crypto';
import {
  ErrorReason,
  Platform,
  TwoFactorMethod,
  TwoFactorRequirement,
  UserStatus,
  UserType,
} from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../crypto/password';
import { ConflictError } from '../../errors';
import { Account } from '../account/account.entity';
import { type AccountService, slugify } from '../account/account.service';
import { App, UserApp } from '../app/app.entity';
import type { AuditService } from '../audit/audit.service';
import { Identity } from '../identity/identity.entity';
import { SecurityPolicy } from '../policy/security-policy.entity';
import { User } from '../user/user.entity';
import { searchKeysOf } from '../user/search-keys';

export const demoAccountName = 'Twofold Demo';
export const demoAccountSlug = slugify(demoAccountName);
export const demoOwnerEmail = 'owner@twofold-demo.test';
/**
 * A new account allows SMS to no country; the demo lists a few so SMS can be tried at once
 * (and every type allows it, as a demo should show every method).
 */
export const demoSmsCountries = ['DE', 'FR', 'GB', 'IE', 'US'];

/** One profile of every user type besides the owner, with the apps assigned to it. */
const demoUsers: { email: string; displayName: string; userType: UserType; apps: number[] }[] = [
  {
    email: 'admin@twofold-demo.test',
    displayName: 'Ada Administrator',
    userType: UserType.ADMINISTRATOR,
    apps: [],
  },
  {
    email: 'app-admin@twofold-demo.test',
    displayName: 'Aaron App Admin',
    userType: UserType.APP_ADMINISTRATOR,
    apps: [0, 1],
  },
  {
    email: 'reviewer@twofold-demo.test',
    displayName: 'Rita Reviewer',
    userType: UserType.APP_REVIEWER,
    apps: [0],
  },
  {
    email: 'reports@twofold-demo.test',
    displayName: 'Rob Report Viewer',
    userType: UserType.APP_REPORT_VIEWER,
    apps: [1, 2],
  },
];

const demoApps: Pick<App, 'name' | 'platform' | 'bundleId' | 'previewUrl'>[] = [
  {
    name: 'Field Notes',
    platform: Platform.IOS,
    bundleId: 'com.example.fieldnotes',
    previewUrl: 'https://example.com/preview/field-notes',
  },
  {
    name: 'Route Planner',
    platform: Platform.ANDROID,
    bundleId: 'com.example.routeplanner',
    previewUrl: 'https://example.com/preview/route-planner',
  },
  {
    name: 'Customer Portal',
    platform: Platform.WEB,
    bundleId: 'com.example.portal',
    previewUrl: 'https://example.com/preview/customer-portal',
  },
];

export interface DemoCredentials {
  account: Account;
  ownerEmail: string;
  /** Generated; shown once, never stored in clear. Every demo profile signs in with it. */
  password: string;
  otherEmails: string[];
}

/** The demo account of `pnpm start` on an empty database and of `twofold seed-demo`. */
export class DemoService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      accounts: AccountService;
    },
  ) {}

  /** Seeds the demo when the database holds no account at all; null otherwise. */
  async seedIfEmpty(): Promise<DemoCredentials | null> {
    if ((await this.deps.dataSource.getRepository(Account).count()) > 0) return null;
    return this.seed();
  }

  /** Creates "Twofold Demo": an owner, one profile of each user type and three apps. */
  async seed(now = new Date()): Promise<DemoCredentials> {
    if (await this.deps.dataSource.getRepository(Account).existsBy({ slug: demoAccountSlug })) {
      throw new ConflictError(
        `a demo account already exists (slug "${demoAccountSlug}")`,
        ErrorReason.ALREADY_EXISTS,
      );
    }
    const password = randomBytes(12).toString('base64url');
    const { account, owner } = await this.deps.accounts.createAccount(
      {
        name: demoAccountName,
        ownerEmail: demoOwnerEmail,
        ownerPassword: password,
        ownerName: 'Olivia Owner',
      },
      now,
    );
    const passwordHash = await hashPassword(password);

    await this.deps.dataSource.transaction(async (manager) => {
      await manager.update(Identity, { id: owner.identityId }, { emailVerifiedAt: now });
      await manager.update(Account, { id: account.id }, { allowedSmsCountries: demoSmsCountries });
      await manager.update(
        SecurityPolicy,
        { accountId: account.id },
        { allowedMethods: Object.values(TwoFactorMethod) },
      );
      await this.deps.audit.record(
        {
          accountId: account.id,
          action: 'account.sms_countries_updated',
          targetType: 'Account',
          targetId: account.id,
          details: { countries: demoSmsCountries, source: 'seed-demo' },
        },
        manager,
      );
      const apps = await manager.save(
        demoApps.map((app) =>
          manager.create(App, { ...app, accountId: account.id, createdAt: now }),
        ),
      );
      for (const app of apps) {
        await this.deps.audit.record(
          {
            accountId: account.id,
            action: 'app.created',
            targetType: 'App',
            targetId: app.id,
            details: { name: app.name, platform: app.platform, source: 'seed-demo' },
          },
          manager,
        );
      }
      for (const spec of demoUsers) {
        const identity =
          (await manager.findOneBy(Identity, { email: spec.email })) ??
          (await manager.save(
            manager.create(Identity, {
              email: spec.email,
              passwordHash,
              emailVerifiedAt: now,
              createdAt: now,
            }),
          ));
        const user = await manager.save(
          manager.create(User, {
            accountId: account.id,
            identityId: identity.id,
            displayName: spec.displayName,
            ...searchKeysOf(spec.displayName, identity.email),
            userType: spec.userType,
            isOwner: false,
            status: UserStatus.ACTIVE,
            acceptedAt: now,
            twoFactorRequirement: TwoFactorRequirement.INHERIT,
            twoFactorDeadline: null,
            lastSignInAt: null,
            createdAt: now,
          }),
        );
        const appIds = spec.apps.map((index) => apps[index]?.id).filter((id) => id !== undefined);
        if (appIds.length > 0) {
          await manager.insert(
            UserApp,
            appIds.map((appId) => ({ userId: user.id, appId })),
          );
        }
        await this.deps.audit.record(
          {
            accountId: account.id,
            action: 'user.created',
            targetType: 'User',
            targetId: user.id,
            details: { userType: spec.userType, appIds, source: 'seed-demo' },
          },
          manager,
        );
      }
    });
    account.allowedSmsCountries = demoSmsCountries;
    return {
      account,
      ownerEmail: demoOwnerEmail,
      password,
      otherEmails: demoUsers.map((u) => u.email),
    };
  }
}

/** What `pnpm start` and `twofold seed-demo` print, once. */
export function describeDemo(demo: DemoCredentials): string {
  return [
    `Demo account "${demo.account.name}" created. Sign in as its owner:`,
    `  email:    ${demo.ownerEmail}`,
    `  password: ${demo.password}`,
    `The other demo users (${demo.otherEmails.join(', ')}) use the same password.`,
    'The password is shown only this once.',
  ].join('\n');
}
