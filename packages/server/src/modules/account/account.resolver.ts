import { Query, Resolver } from 'type-graphql';
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
}
