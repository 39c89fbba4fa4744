import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Connection, type Page } from '../../graphql/connection';
import { Active } from '../../graphql/guard';
import type { Caller } from '../auth/auth.service';
import { Permission } from '../auth/permissions';
import { AuditEvent } from './audit-event.entity';

const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');

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
    @Ctx() ctx: Context,
  ): Promise<Page<AuditEvent>> {
    const caller = (await ctx.caller()) as Caller;
    return ctx.services.auditQueries.list(caller.user!.accountId, { first, after });
  }
}
