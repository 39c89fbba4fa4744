import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Connection } from '../../graphql/connection';
import type { Page } from '../../db/paging';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
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
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<Page<AuditEvent>> {
    return ctx.services.auditQueries.list(caller.user!.accountId, { first, after });
  }
}
