import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Active, Inherit } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import type { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { AccountDomain } from './account-domain.entity';
import { verificationRecordName, verificationRecordValue } from './domain-verification';

@Resolver(() => AccountDomain)
export class AccountDomainResolver {
  @Query(() => [AccountDomain], {
    description:
      'The email domains the account claims, verified or not (Owners and Administrators).',
  })
  @Active(Permission.POLICIES_READ)
  accountDomains(@CurrentCaller() caller: Caller, @Ctx() ctx: Context): Promise<AccountDomain[]> {
    return ctx.services.accountDomains.list(caller);
  }

  @Mutation(() => AccountDomain, {
    description:
      'Claims an email domain for the account (owners only), unverified: publish its `recordValue` in a TXT ' +
      'record at its `recordName`, then call verifyAccountDomain. A malformed domain gives BAD_USER_INPUT on ' +
      '`domain`; a domain the account has already gives CONFLICT (reason ALREADY_EXISTS); an account holds ' +
      'at most 20 domains.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  addAccountDomain(
    @Arg('domain', () => String, { description: 'The domain, e.g. `example.com`.' }) domain: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AccountDomain> {
    return ctx.services.accountDomains.add(caller, domain, ctx.meta);
  }

  @Mutation(() => AccountDomain, {
    description:
      'Looks up the TXT records at the domain’s `recordName` and marks the domain verified when one of them is ' +
      'its `recordValue` (owners only). Without it: BAD_USER_INPUT on `id` with reason DOMAIN_RECORD_MISSING; ' +
      'DNS not answering: UNAVAILABLE with reason DOMAIN_LOOKUP_FAILED; another account has verified the ' +
      'domain: CONFLICT with reason DOMAIN_TAKEN. A verified domain is answered as it is.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  verifyAccountDomain(
    @Arg('id', () => ID, { description: 'The domain’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<AccountDomain> {
    return ctx.services.accountDomains.verify(caller, id, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a domain (owners only). Once removed, strangers typing an email of it are no longer offered ' +
      'the account’s identity providers.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  removeAccountDomain(
    @Arg('id', () => ID, { description: 'The domain’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.accountDomains.remove(caller, id, ctx.meta);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the account has proven it holds the domain.',
  })
  @Inherit()
  verified(@Root() domain: AccountDomain): boolean {
    return domain.verifiedAt !== null;
  }

  @FieldResolver(() => String, {
    description: 'Where to publish the TXT record, e.g. `_twofold.example.com`.',
  })
  @Inherit()
  recordName(@Root() domain: AccountDomain): string {
    return verificationRecordName(domain.domain);
  }

  @FieldResolver(() => String, {
    description: 'What the TXT record holds: `twofold-verification=<verificationToken>`.',
  })
  @Inherit()
  recordValue(@Root() domain: AccountDomain): string {
    return verificationRecordValue(domain.verificationToken);
  }
}
