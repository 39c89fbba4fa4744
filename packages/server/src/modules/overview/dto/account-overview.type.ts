import { ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description:
    'What needs an administrator’s eye in the caller’s account, for the console’s overview: who is in a grace ' +
    'period and until when, and the latest security events. Counts per 2FA status are in ' +
    '`twoFactorCompliance`; pending invitations and locked users in `users(filter)`.',
})
@Inherit()
export class AccountOverview {
  /** Not a field: the account the overview is of (the caller's). */
  accountId: string;
}
