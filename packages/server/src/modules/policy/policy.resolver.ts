import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { SecurityPolicyInput } from './dto/security-policy.input';
import { SecurityPolicy } from './security-policy.entity';

@Resolver()
export class PolicyResolver {
  @Query(() => [SecurityPolicy], {
    description: 'The 2FA policy of each user type (Owners and Administrators).',
  })
  @Active(Permission.POLICIES_READ)
  async securityPolicies(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SecurityPolicy[]> {
    return ctx.services.policies.list(caller.user!.accountId);
  }

  @Mutation(() => SecurityPolicy, {
    description:
      'Changes the 2FA rule of one user type (owners only). Signed-in users of the type move to the new rule at ' +
      'their next request; when it becomes REQUIRED, users without a deadline get now + `gracePeriodDays`, fixed ' +
      'once. REQUIRED without an allowed method gives BAD_USER_INPUT on `input.allowedMethods`.',
  })
  @Active(Permission.POLICIES_WRITE)
  async updateSecurityPolicy(
    @Arg('input', () => SecurityPolicyInput, { description: 'The type and its new rule.' })
    input: SecurityPolicyInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SecurityPolicy> {
    return ctx.services.policies.update(caller, { ...input }, ctx.meta);
  }
}
