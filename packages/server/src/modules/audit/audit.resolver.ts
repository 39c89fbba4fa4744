import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Connection } from '../../graphql/connection';
import type { Page } from '../../db/paging';
import { Active, Inherit } from '../../graphql/access';
import { type Caller, requireProfile } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { AuditEvent } from './audit-event.entity';

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
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<Page<AuditEvent>> {
    return ctx.services.auditQueries.list(requireProfile(caller).accountId, { first, after });
  }

  @Query(() => Login, {
    description:
      'The caller’s own login, across every account it has a profile in. Its security activity ' +
      '(failed sign-ins, password resets and changes) is in no account’s audit log.',
  })
  @Active(Permission.SELF)
  login(@CurrentCaller() caller: Caller): Login {
    return { identityId: caller.identity.id, email: caller.identity.email };
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
  ): Promise<Page<AuditEvent>> {
    return ctx.services.auditQueries.listForLogin(login.identityId, { first, after });
  }
}
