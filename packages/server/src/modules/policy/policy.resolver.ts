import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { SecurityPolicyInput } from './dto/security-policy.input';
import { SecurityPolicyImpact } from './dto/security-policy-impact.type';
import { TwoFactorCompliance } from './dto/two-factor-compliance.type';
import type { TypeCompliance } from './policy.service';
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

  @Query(() => SecurityPolicyImpact, {
    description:
      'Previews what `updateSecurityPolicy(input)` would do to the users of the type — how many must enroll, by ' +
      'when, and who holds only a method being removed — without changing anything (Owners and Administrators). ' +
      'Bad input gives BAD_USER_INPUT on the same fields as the mutation.',
  })
  @Active(Permission.POLICIES_READ)
  async securityPolicyImpact(
    @Arg('input', () => SecurityPolicyInput, { description: 'The rule to preview.' })
    input: SecurityPolicyInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SecurityPolicyImpact> {
    const impact = await ctx.services.policies.impact(caller, { ...input });
    return {
      ...impact,
      callerMustEnroll: impact.caller?.mustEnroll ?? false,
      callerDeadline: impact.caller?.deadline ?? null,
    };
  }

  @Query(() => [TwoFactorCompliance], {
    description:
      'Per user type, how many users are enrolled (PIN-only counted apart), in a grace period, overdue, locked or ' +
      'not required (Owners and Administrators).',
  })
  @Active(Permission.POLICIES_READ)
  async twoFactorCompliance(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<TypeCompliance[]> {
    return ctx.services.policies.compliance(caller.user!.accountId);
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
