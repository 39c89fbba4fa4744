import type { PreparedSelect } from '../../db/prepared';
import { createAppSchema, ErrorReason, toFieldErrors, updateAppSchema } from '@twofold/shared';
import { z } from 'zod';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import { changesOf } from '../audit/changes';
import { type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission, seesAllApps } from '../auth/permissions';
import { loadTwoFactorSummaries } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import { type AppAccess, appAccess, mayAssignApps } from './app-access';
import { type AppReportData, buildReport, reportDays, windowStart } from './app-report';
import { App, UserApp } from './app.entity';
import {
  type AppsOfUsersParams,
  appsOfUsersStatement,
  readAppsOfUsers,
} from './apps-of-users-statement';
import { PreviewQrCodes } from './preview-qr-codes';
import {
  readSignInsByDay,
  type SignInsOfDay,
  signInsByDayStatement,
} from './sign-ins-by-day-statement';

export type CreateAppInput = z.input<typeof createAppSchema>;
export type UpdateAppInput = z.input<typeof updateAppSchema>;

/** setUserApps accepts at most this many app ids. */
export const maxAppIds = 500;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed ids can name nothing: treating them as unknown keeps one answer for "not yours". */
function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

const daysSchema = z
  .number()
  .int()
  .min(reportDays.min, { message: `At least ${reportDays.min}` })
  .max(reportDays.max, { message: `At most ${reportDays.max}` });

/** Apps of an account and who is assigned to them; every rule of docs/design.md, Permissions about apps. */
export class AppService {
  /** Rendered preview QR images, cached per URL (one per process). */
  readonly qrCodes: PreviewQrCodes;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      qrCodes?: PreviewQrCodes;
    },
  ) {
    this.qrCodes = deps.qrCodes ?? new PreviewQrCodes();
    this.appsOfUsersStatements = {
      all: appsOfUsersStatement(deps.dataSource, true),
      mine: appsOfUsersStatement(deps.dataSource, false),
    };
  }

  /** `appsOfUsers`, for callers who see every app of the account and for the others. */
  private readonly appsOfUsersStatements: Record<'all' | 'mine', PreparedSelect<AppsOfUsersParams>>;

  /** Owners and Administrators: every app of the account; others: their assigned apps. By name. */
  async list(caller: Pick<Caller, 'user'>): Promise<App[]> {
    const user = requireProfile(caller);
    const query = this.deps.dataSource
      .getRepository(App)
      .createQueryBuilder('app')
      .where('app.accountId = :accountId', { accountId: user.accountId });
    if (!seesAllApps(user)) {
      query.innerJoin(UserApp, 'mine', 'mine.appId = app.id AND mine.userId = :userId', {
        userId: user.id,
      });
    }
    return query.orderBy('app.name', 'ASC').addOrderBy('app.id', 'ASC').getMany();
  }

  /** One app the caller can see; NOT_FOUND (field `id`) otherwise. */
  async get(caller: Pick<Caller, 'user'>, id: string): Promise<App> {
    return (await this.visible(this.deps.dataSource.manager, requireProfile(caller), id)).app;
  }

  async create(
    caller: Pick<Caller, 'user'>,
    input: CreateAppInput,
    meta: RequestMeta,
  ): Promise<App> {
    const user = requireProfile(caller);
    if (!appAccess(user, false).manage) throw new ForbiddenError();
    const parsed = createAppSchema.safeParse({ ...input });
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    return this.deps.dataSource.transaction(async (manager) => {
      const app = await manager.save(
        manager.create(App, { ...parsed.data, accountId: user.accountId, createdAt: new Date() }),
      );
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'app.created',
          targetType: 'App',
          targetId: app.id,
          ip: meta.ip,
          details: { name: app.name, platform: app.platform },
        },
        manager,
      );
      return app;
    });
  }

  /** Changes the given settings; App Administrators only on their assigned apps. */
  async update(
    caller: Pick<Caller, 'user'>,
    id: string,
    input: UpdateAppInput,
    meta: RequestMeta,
  ): Promise<App> {
    const user = requireProfile(caller);
    return this.deps.dataSource.transaction(async (manager) => {
      const { app, access } = await this.visible(manager, user, id);
      if (!access.changeSettings) throw new ForbiddenError();
      const parsed = updateAppSchema.safeParse({ ...input });
      if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
      const changes = Object.fromEntries(
        Object.entries(parsed.data).filter(
          ([key, value]) => value !== undefined && app[key as keyof typeof parsed.data] !== value,
        ),
      ) as Partial<Pick<App, 'name' | 'platform' | 'bundleId' | 'previewUrl'>>;
      const fields = Object.keys(changes).sort();
      if (fields.length === 0) return app;
      // app settings are no secret: whoever reads the audit log reads them (docs/design.md, Audit log)
      const changed = changesOf({ ...app }, changes);
      Object.assign(app, changes);
      await manager.update(App, { id: app.id }, changes);
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'app.updated',
          targetType: 'App',
          targetId: app.id,
          ip: meta.ip,
          details: { fields, changes: changed },
        },
        manager,
      );
      return app;
    });
  }

  async remove(caller: Pick<Caller, 'user'>, id: string, meta: RequestMeta): Promise<boolean> {
    const user = requireProfile(caller);
    return this.deps.dataSource.transaction(async (manager) => {
      const { app, access } = await this.visible(manager, user, id);
      if (!access.manage) throw new ForbiddenError();
      await manager.delete(UserApp, { appId: app.id });
      await manager.delete(App, { id: app.id });
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'app.removed',
          targetType: 'App',
          targetId: app.id,
          ip: meta.ip,
          details: { name: app.name },
        },
        manager,
      );
      return true;
    });
  }

  /** Replaces every app assignment of `userId` with `appIds`, in one transaction. */
  async setUserApps(
    caller: Pick<Caller, 'user'>,
    userId: string,
    appIds: readonly string[],
    meta: RequestMeta,
  ): Promise<User> {
    const user = requireProfile(caller);
    // without the permission nothing is looked up, so nothing can be probed
    if (!hasPermission(user, Permission.USERS_MANAGE)) throw new ForbiddenError();
    if (appIds.length > maxAppIds) {
      throw new BadInputError([{ field: 'appIds', message: `At most ${maxAppIds} apps` }]);
    }
    const ids = [...new Set(appIds)];
    return this.deps.dataSource.transaction(async (manager) => {
      const target = isUuid(userId)
        ? await manager.findOneBy(User, { id: userId, accountId: user.accountId })
        : null;
      if (!target) throw new NotFoundError('User', 'userId');
      switch (mayAssignApps(user, target)) {
        case 'no-permission':
          throw new ForbiddenError();
        case 'self':
          throw new ForbiddenError('You cannot change your own app assignments', ErrorReason.SELF);
        case 'owner':
          throw new ForbiddenError(
            'Only the owner can change the owner’s app assignments',
            ErrorReason.OWNER,
          );
        case 'ok':
          break;
      }

      const apps =
        ids.length === 0 || !ids.every(isUuid)
          ? []
          : await manager.findBy(App, { id: In(ids), accountId: user.accountId });
      if (apps.length !== ids.length) throw new NotFoundError('App', 'appIds');

      const before = (await manager.findBy(UserApp, { userId: target.id })).map((ua) => ua.appId);
      await manager.delete(UserApp, { userId: target.id });
      if (ids.length > 0) {
        await manager.insert(
          UserApp,
          ids.map((appId) => ({ userId: target.id, appId })),
        );
      }
      const now = new Set(ids);
      const was = new Set(before);
      const namesOf = (list: readonly App[]) => list.map((app) => app.name).sort();
      const appsBefore =
        before.length === 0
          ? []
          : await manager.findBy(App, { id: In(before), accountId: user.accountId });
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'user.apps_set',
          targetType: 'User',
          targetId: target.id,
          ip: meta.ip,
          details: {
            added: ids.filter((id) => !was.has(id)).sort(),
            removed: before.filter((id) => !now.has(id)).sort(),
            // by name too: the ids say nothing to a reader, and a removed app loses its name
            changes: changesOf({ apps: namesOf(appsBefore) }, { apps: namesOf(apps) }),
          },
        },
        manager,
      );
      return target;
    });
  }

  /**
   * The apps of each user in one query, limited to apps the caller can see (for `User.apps`).
   * Keys and result are in the same order.
   */
  async appsOfUsers(caller: Pick<Caller, 'user'>, userIds: readonly string[]): Promise<App[][]> {
    const user = requireProfile(caller);
    if (userIds.length === 0) return [];
    const all = seesAllApps(user);
    const statement = all ? this.appsOfUsersStatements.all : this.appsOfUsersStatements.mine;
    const raw = await statement.rows({
      userIds: [...new Set(userIds)],
      accountId: user.accountId,
      me: user.id,
    });
    return readAppsOfUsers(this.deps.dataSource, raw, userIds);
  }

  /**
   * Sign-ins per UTC day and 2FA coverage of the users assigned to `app`: three queries whatever
   * the number of users or days.
   */
  async report(
    caller: Pick<Caller, 'user'>,
    app: App,
    days: number,
    now = new Date(),
  ): Promise<AppReportData> {
    const user = requireProfile(caller);
    const parsedDays = daysSchema.safeParse(days);
    if (!parsedDays.success) throw new BadInputError(toFieldErrors(parsedDays.error, 'days'));
    if (app.accountId !== user.accountId) throw new NotFoundError('App', 'id');

    const assigned = await this.deps.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(UserApp, 'ua', 'ua.userId = u.id AND ua.appId = :appId', { appId: app.id })
      .where('u.accountId = :accountId', { accountId: user.accountId })
      .getMany();
    const access = appAccess(
      user,
      assigned.some((u) => u.id === user.id),
    );
    if (!access.see) throw new NotFoundError('App', 'id');
    if (!access.reports) throw new ForbiddenError();

    const summaries = await loadTwoFactorSummaries(this.deps.dataSource, assigned, now);
    const users = [...summaries.values()];

    const signInsByDay = await this.signInsByDay(app, windowStart(parsedDays.data, now));
    return buildReport({ days: parsedDays.data, now, signInsByDay, users });
  }

  /** Sign-ins of the app's assigned users since `since`, counted per UTC day by the database. */
  private async signInsByDay(app: App, since: Date): Promise<Map<string, number>> {
    return readSignInsByDay(
      await signInsByDayStatement(this.deps.dataSource, app, since).getRawMany<SignInsOfDay>(),
    );
  }

  /** A PNG data URL of a QR code of the app's preview URL (rendered once per URL). */
  previewQrCode(app: Pick<App, 'previewUrl'>): Promise<string> {
    return this.qrCodes.dataUrl(app.previewUrl);
  }

  /** The app if the caller can see it, with what the caller may do with it. */
  private async visible(
    manager: EntityManager,
    user: User,
    id: string,
  ): Promise<{ app: App; access: AppAccess }> {
    const app = isUuid(id) ? await manager.findOneBy(App, { id, accountId: user.accountId }) : null;
    if (!app) throw new NotFoundError('App', 'id');
    const assigned = seesAllApps(user)
      ? false
      : await manager.existsBy(UserApp, { userId: user.id, appId: app.id });
    const access = appAccess(user, assigned);
    if (!access.see) throw new NotFoundError('App', 'id');
    return { app, access };
  }
}
