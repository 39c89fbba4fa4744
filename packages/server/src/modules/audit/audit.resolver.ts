import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Connection } from '../../graphql/connection';
import { selectsTotal } from '../../graphql/selects-field';
import type { Page } from '../../db/paging';
import { Active, Inherit } from '../../graphql/access';
import { type Caller, requireProfile } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { AuditEvent } from './audit-event.entity';
import { AuditEventsFilter } from './dto/audit-events.filter';
import { BadInputError } from '../../errors';
import { auditFilterSchema, toFieldErrors } from '@twofold/shared';
import { In } from 'typeorm';
import { App } from '../app/app.entity';
import { User } from '../user/user.entity';

const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');

@ObjectType({
  description:
    'The signed-in login (one email and password, possibly several profiles in several accounts), ' +
    'as only its owner sees it.',
})
@Inherit()
export class Login {
  /** Not a field: the login whose activity `securityEvents` reads. */
  identityId: string;

  @Field({ description: 'The email the login signs in with.' })
  email: string;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The account’s audit log, newest first.' })
  @Active(Permission.AUDIT_READ)
  async auditEvents(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description: '`pageInfo.endCursor` of the previous page.',
    })
    after: string | null,
    @Arg('filter', () => AuditEventsFilter, {
      nullable: true,
      description: 'Conditions to narrow by.',
    })
    filter: AuditEventsFilter | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AuditEvent>> {
    const input = auditFilterSchema.safeParse(filter ?? {});
    if (!input.success) throw new BadInputError(toFieldErrors(input.error, 'filter'));
    return ctx.services.auditQueries.list(
      requireProfile(caller).accountId,
      { first, after, count: selectsTotal(info) },
      input.data,
    );
  }

  @Query(() => Login, {
    nullable: true,
    description:
      'The caller’s own login, across every account it has a profile in. Its security activity ' +
      '(failed sign-ins, password resets and changes) is in no account’s audit log. Null for a session opened ' +
      'through an account’s identity provider (it vouches for its account’s profiles, not the login), and ' +
      'while `session.loginAssured` is false: when a profile of the login holds a second factor, only a ' +
      'session that verified one it already held reads the login.',
  })
  @Active(Permission.SELF)
  async login(@CurrentCaller() caller: Caller, @Ctx() ctx: Context): Promise<Login | null> {
    if (!(await ctx.services.loginAssurance.assured(caller))) return null;
    return ctx.services.auditQueries.loginOf(caller);
  }
}

@Resolver(() => Login)
export class LoginResolver {
  @FieldResolver(() => AuditEventConnection, {
    description:
      'Failed sign-ins, password reset requests and resets, and password changes of this login, ' +
      'newest first.',
  })
  @Inherit()
  async securityEvents(
    @Root() login: Login,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description: '`pageInfo.endCursor` of the previous page.',
    })
    after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AuditEvent>> {
    return ctx.services.auditQueries.listForLogin(login.identityId, {
      first,
      after,
      count: selectsTotal(info),
    });
  }
}

/**
 * Names of the users and apps events mention, one query per kind per request, and only of the
 * caller's own account: a login's activity also lists events other accounts recorded about its
 * profiles, and those accounts' people and apps are not the login's to see.
 */
function nameLoaders(ctx: Context, accountId: string) {
  const { dataSource } = ctx.services;
  return {
    user: ctx.loaders.get<string, string | null>('audit.userName', async (ids) => {
      const rows = await dataSource.getRepository(User).find({
        select: { id: true, displayName: true },
        where: { id: In([...ids]), accountId },
      });
      const names = new Map(rows.map((u) => [u.id, u.displayName]));
      return ids.map((id) => names.get(id) ?? null);
    }),
    app: ctx.loaders.get<string, string | null>('audit.appName', async (ids) => {
      const rows = await dataSource.getRepository(App).find({
        select: { id: true, name: true },
        where: { id: In([...ids]), accountId },
      });
      const names = new Map(rows.map((a) => [a.id, a.name]));
      return ids.map((id) => names.get(id) ?? null);
    }),
  };
}

/** The caller's account when the event belongs to it; null otherwise (no names then). */
async function ownAccount(event: AuditEvent, ctx: Context): Promise<string | null> {
  const accountId = (await ctx.caller())?.user?.accountId ?? null;
  return accountId !== null && event.accountId === accountId ? accountId : null;
}

@Resolver(() => AuditEvent)
export class AuditEventFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The display name of the profile that acted, as it is now; null for system events, removed users and ' +
      'events of another account.',
  })
  @Inherit()
  async actorName(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> {
    const accountId = await ownAccount(event, ctx);
    if (!event.actorUserId || !accountId) return null;
    return nameLoaders(ctx, accountId).user.load(event.actorUserId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The current name of the user (display name) or app acted on; null for other targets, removed ones and ' +
      'events of another account.',
  })
  @Inherit()
  async targetName(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> {
    const accountId = await ownAccount(event, ctx);
    if (!event.targetId || !accountId) return null;
    if (event.targetType === 'User') return nameLoaders(ctx, accountId).user.load(event.targetId);
    if (event.targetType === 'App') return nameLoaders(ctx, accountId).app.load(event.targetId);
    return null;
  }
}
