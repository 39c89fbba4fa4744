import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import { type Caller, requireProfile } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Account } from './account.entity';

@Resolver()
export class AccountResolver {
  @Query(() => Account, { description: 'The account of the selected profile.' })
  @Active(Permission.SELF)
  account(@CurrentCaller() caller: Caller): Account {
    return requireProfile(caller).account;
  }

  @Mutation(() => Account, {
    description:
      'Sets the countries SMS codes may be sent to (ISO 3166-1 alpha-2, e.g. `GB`); an empty list ' +
      'allows every country. Owners only. Numbers already linked keep working.',
  })
  @Active(Permission.POLICIES_WRITE)
  updateAllowedSmsCountries(
    @Arg('countries', () => [String], { description: 'Region codes such as `GB`, `IE`, `US`.' })
    countries: string[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return ctx.services.accounts.updateAllowedSmsCountries(caller, countries, ctx.meta);
  }
}
