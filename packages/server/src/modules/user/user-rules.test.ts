import { UserStatus, UserType } from '@twofold/shared';
import { refuseAdminAction, refuseOversight } from './user-rules';

const { ACTIVE, SUSPENDED } = UserStatus;
const ADMIN = UserType.ADMINISTRATOR;
const REVIEWER = UserType.APP_REVIEWER;

describe('refuseAdminAction', () => {
  // actor is owner, actor is target (or its login), target is owner, after (null = removed), other active owners → refusal
  it.each<
    [
      boolean,
      boolean | 'login',
      boolean,
      { userType: UserType; status: UserStatus } | null,
      number,
      string | null,
    ]
  >([
    [true, true, true, { userType: ADMIN, status: ACTIVE }, 5, 'SELF'],
    [false, true, false, null, 0, 'SELF'],
    [false, 'login', false, { userType: REVIEWER, status: SUSPENDED }, 0, 'SELF'],
    [true, 'login', false, null, 0, 'SELF'],
    [false, false, true, { userType: ADMIN, status: ACTIVE }, 3, 'OWNER'],
    [false, false, true, null, 3, 'OWNER'],
    [true, false, true, { userType: ADMIN, status: ACTIVE }, 0, null],
    [true, false, true, { userType: REVIEWER, status: ACTIVE }, 0, 'LAST_OWNER'],
    [true, false, true, { userType: ADMIN, status: SUSPENDED }, 0, 'LAST_OWNER'],
    [true, false, true, null, 0, 'LAST_OWNER'],
    [true, false, true, null, 1, null],
    [true, false, true, { userType: REVIEWER, status: ACTIVE }, 1, null],
    [false, false, false, null, 0, null],
    [false, false, false, { userType: REVIEWER, status: SUSPENDED }, 0, null],
    [true, false, false, { userType: ADMIN, status: ACTIVE }, 0, null],
  ])(
    'actor owner=%s, self=%s, target owner=%s, after=%j, other owners=%d → %s',
    (actorIsOwner, self, targetIsOwner, after, otherActiveOwners, refusal) => {
      expect(
        refuseAdminAction({
          actor: { id: 'actor', identityId: 'me', isOwner: actorIsOwner },
          // 'login': another profile of the actor's own login
          target: {
            id: self === true ? 'actor' : 'target',
            identityId: self ? 'me' : 'someone',
            isOwner: targetIsOwner,
          },
          after,
          otherActiveOwners,
        }),
      ).toBe(refusal);
    },
  );
});

describe('refuseOversight', () => {
  const person = (id: string, identityId: string, isOwner = false) => ({ id, identityId, isOwner });
  it.each([
    ['an administrator on a reviewer', person('a', 'A'), person('b', 'B'), null],
    ['an owner on an administrator', person('a', 'A', true), person('b', 'B'), null],
    ['an owner on another owner', person('a', 'A', true), person('b', 'B', true), null],
    ['an administrator on an owner', person('a', 'A'), person('b', 'B', true), 'OWNER'],
    ['anyone on their own profile', person('a', 'A'), person('a', 'A'), 'SELF'],
    ['an owner on their own profile', person('a', 'A', true), person('a', 'A', true), 'SELF'],
    ['anyone on another profile of their login', person('a', 'A'), person('b', 'A'), 'SELF'],
  ] as const)('%s → %s', (_name, actor, target, refusal) => {
    expect(refuseOversight(actor, target)).toBe(refusal);
  });
});
