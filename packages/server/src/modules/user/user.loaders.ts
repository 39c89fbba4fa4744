import { In } from 'typeorm';
import type { Context } from '../../graphql/context';
import { byKeys } from '../../graphql/loaders';
import { Account } from '../account/account.entity';
import { Identity } from '../identity/identity.entity';
import { summarize, type TwoFactorSummary } from '../two-factor/status/facts';
import type { Caller } from '../auth/caller';
import { loadTwoFactorSummaries } from '../two-factor/status/state';
import type { User } from './user.entity';
import type { KnownTwoFactor } from './user.service';

/** One query per relation per request, whatever the number of users on the page. */
export function userLoaders(ctx: Context) {
  const { dataSource } = ctx.services;
  return {
    identity: ctx.loaders.get<string, Identity>('user.identity', async (ids) =>
      byKeys(
        ids,
        await dataSource.getRepository(Identity).findBy({ id: In([...ids]) }),
        (i) => i.id,
        new Error('identity not found'),
      ),
    ),
    account: ctx.loaders.get<string, Account>('user.account', async (ids) =>
      byKeys(
        ids,
        await dataSource.getRepository(Account).findBy({ id: In([...ids]) }),
        (a) => a.id,
        new Error('account not found'),
      ),
    ),
    twoFactor: ctx.loaders.get<User, TwoFactorSummary>(
      'user.twoFactor',
      async (users) => {
        const summaries = await loadTwoFactorSummaries(dataSource, users);
        return users.map((user) => summaries.get(user.id) ?? new Error('user not found'));
      },
      (user) => user.id,
    ),
  };
}

/** Records the 2FA summary of `user` read along with it (a list's page, the caller's statement). */
export function primeTwoFactor(ctx: Context, user: User, summary: KnownTwoFactor): void {
  ctx.loaders.known<string, KnownTwoFactor>('user.twoFactor').set(user.id, summary);
}

/**
 * `key` of the 2FA summary of `user`: at once when it was read with it, else batched with the
 * others.
 */
export function twoFactorOf<K extends keyof TwoFactorSummary>(
  ctx: Context,
  user: User,
  key: K,
): TwoFactorSummary[K] | Promise<TwoFactorSummary[K]> {
  const known = ctx.loaders.known<string, KnownTwoFactor>('user.twoFactor').get(user.id)?.[key];
  if (known !== undefined) return known as TwoFactorSummary[K];
  return userLoaders(ctx)
    .twoFactor.load(user)
    .then((summary) => summary[key]);
}

/** The caller's own profile needs no 2FA query: the caller's statement read it (auth/caller-statement.ts). */
export function primeOwnProfile(ctx: Context, caller: Caller): void {
  if (caller.user && caller.facts) {
    primeTwoFactor(ctx, caller.user, summarize(caller.facts, new Date()));
  }
}
