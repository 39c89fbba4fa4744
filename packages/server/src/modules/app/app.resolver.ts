import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { reportDays } from './app-report';
import { App } from './app.entity';
import { AppReport } from './dto/app-report.type';
import { CreateAppInput, UpdateAppInput } from './dto/app.input';

@Resolver(() => App)
export class AppResolver {
  @Query(() => [App], {
    description:
      'The apps the profile can see, by name: every app of the account for Owners and Administrators, the assigned ones for everyone else.',
  })
  @Active(Permission.APPS_VIEW)
  async apps(@CurrentCaller() caller: Caller, @Ctx() ctx: Context): Promise<App[]> {
    return ctx.services.apps.list(caller);
  }

  @Query(() => App, {
    nullable: true,
    description: 'One app the profile can see; NOT_FOUND otherwise.',
  })
  @Active(Permission.APPS_VIEW)
  async app(
    @Arg('id', () => ID, { description: 'The app’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<App> {
    return ctx.services.apps.get(caller, id);
  }

  @Mutation(() => App, { description: 'Creates an app (Owners and Administrators).' })
  @Active(Permission.APPS_MANAGE)
  async createApp(
    @Arg('input', () => CreateAppInput, { description: 'The new app.' }) input: CreateAppInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<App> {
    return ctx.services.apps.create(caller, input, ctx.meta);
  }

  @Mutation(() => App, {
    description:
      'Changes an app’s settings (Owners, Administrators, and App Administrators on their assigned apps).',
  })
  @Active(Permission.APP_SETTINGS_WRITE)
  async updateApp(
    @Arg('id', () => ID, { description: 'The app’s id.' }) id: string,
    @Arg('input', () => UpdateAppInput, { description: 'The fields to change.' })
    input: UpdateAppInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<App> {
    return ctx.services.apps.update(caller, id, input, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes an app and its assignments (Owners and Administrators).',
  })
  @Active(Permission.APPS_MANAGE)
  async removeApp(
    @Arg('id', () => ID, { description: 'The app’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.apps.remove(caller, id, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Replaces the apps assigned to a user (Owners and Administrators; never oneself, and only the owner changes the owner).',
  })
  @Active(Permission.USERS_MANAGE)
  async setUserApps(
    @Arg('userId', () => ID, { description: 'The user whose apps to set.' }) userId: string,
    @Arg('appIds', () => [ID], {
      description: 'Every app the user should be assigned to (at most 500); others are removed.',
    })
    appIds: string[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.apps.setUserApps(caller, userId, appIds, ctx.meta);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'PNG data URL of a QR code of previewUrl, for scanning with a phone. FORBIDDEN for profiles that may not read app settings.',
  })
  @Active(Permission.APP_SETTINGS_READ)
  previewQrCode(@Root() app: App, @Ctx() ctx: Context): Promise<string> {
    return ctx.services.apps.previewQrCode(app);
  }

  @FieldResolver(() => AppReport, {
    nullable: true,
    description:
      'Sign-ins and 2FA coverage of the users assigned to the app. FORBIDDEN for profiles without reports.',
  })
  @Active(Permission.APP_REPORTS)
  async report(
    @Root() app: App,
    @Arg('days', () => Int, {
      nullable: true,
      defaultValue: reportDays.default,
      description: `The window in days, today (UTC) included: ${reportDays.min} to ${reportDays.max}.`,
    }) // an explicit null reaches the service, which names `days` in its BAD_USER_INPUT
    days: number,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AppReport> {
    return ctx.services.apps.report(caller, app, days);
  }
}
