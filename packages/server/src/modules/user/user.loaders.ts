import { In } from 'typeorm';
import type { Context } from '../../graphql/context';
import { byKeys } from '../../graphql/loaders';
import { Account } from '../account/account.entity';
import { Identity } from '../identity/identity.entity';
import { SecurityPolicy } from '../policy/security-policy.entity';
import type { User } from './user.entity';
import { loadTwoFactorStates } from '../two-factor/two-factor-state';
import { summarize, type TwoFactorSummary } from './two-factor-summary';

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
        const accountIds = [...new Set(users.map((u) => u.accountId))];
        const states = await loadTwoFactorStates(
          dataSource,
          users.map((u) => u.id),
        );
        const policies = await dataSource
          .getRepository(SecurityPolicy)
          .findBy({ accountId: In(accountIds) });
        const byType = new Map(policies.map((p) => [`${p.accountId}:${p.userType}`, p]));
        const now = new Date();
        return users.map((user) =>
          summarize(
            user,
            byType.get(`${user.accountId}:${user.userType}`) ?? null,
            now,
            states.get(user.id),
          ),
        );
      },
      (user) => user.id,
    ),
  };
}
