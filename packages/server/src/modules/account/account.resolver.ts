import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/guard';
import { Permission } from '../auth/permissions';
import type { Caller } from '../auth/auth.service';
import { Account } from './account.entity';

@Resolver()
export class AccountResolver {
  @Query(() => Account, { description: 'The account of the selected profile.' })
  @Active(Permission.SELF)
  async account(@Ctx() ctx: Context): Promise<Account> {
    const caller = (await ctx.caller()) as Caller;
    // the guard guarantees an ACTIVE session, which always has a profile
    return caller.user!.account;
  }
}
