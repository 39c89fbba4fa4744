import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/guard';
import type { Caller } from '../auth/auth.service';
import { Permission } from '../auth/permissions';
import { SecurityPolicy } from './security-policy.entity';

@Resolver()
export class PolicyResolver {
  @Query(() => [SecurityPolicy], {
    description: 'The 2FA policy of each user type (Owners and Administrators).',
  })
  @Active(Permission.POLICIES_READ)
  async securityPolicies(@Ctx() ctx: Context): Promise<SecurityPolicy[]> {
    const caller = (await ctx.caller()) as Caller;
    return ctx.services.policies.list(caller.user!.accountId);
  }
}
