import { UserStatus } from '@twofold/shared';
import { pendingInvitationOf, refuseInvitationAction } from './invitation-rules';

const { INVITED, ACTIVE, SUSPENDED } = UserStatus;
const pending = new Date('2026-12-10T10:00:00.000Z');

describe('refuseInvitationAction', () => {
  // action, actor is owner, target is the actor (or its login), target is owner, status, pending link → refusal
  it.each<
    ['send' | 'revoke', boolean, boolean | 'login', boolean, UserStatus, Date | null, string | null]
  >([
    ['send', false, false, false, INVITED, null, null],
    ['send', false, false, false, INVITED, pending, null],
    ['revoke', false, false, false, INVITED, pending, null],
    ['revoke', false, false, false, INVITED, null, 'NO_PENDING_INVITATION'],
    ['send', true, true, true, INVITED, pending, 'SELF'],
    ['revoke', false, 'login', false, INVITED, pending, 'SELF'],
    ['send', false, 'login', false, ACTIVE, null, 'SELF'],
    ['send', false, false, true, INVITED, pending, 'OWNER'],
    ['revoke', false, false, true, ACTIVE, null, 'OWNER'],
    ['send', true, false, true, INVITED, null, null],
    ['send', false, false, false, ACTIVE, null, 'NOT_INVITED'],
    ['revoke', false, false, false, ACTIVE, null, 'NOT_INVITED'],
    // suspended before accepting: the link still works, but the profile is not waiting to be invited
    ['send', true, false, false, SUSPENDED, pending, 'NOT_INVITED'],
    ['revoke', true, false, false, SUSPENDED, pending, 'NOT_INVITED'],
  ])(
    '%s: actor owner=%s, self=%s, target owner=%s, %s, pending=%s → %s',
    (action, actorIsOwner, self, targetIsOwner, status, invitationExpiresAt, refusal) => {
      expect(
        refuseInvitationAction(
          action,
          { id: 'actor', identityId: 'me', isOwner: actorIsOwner },
          {
            id: self === true ? 'actor' : 'target',
            identityId: self ? 'me' : 'someone',
            isOwner: targetIsOwner,
            status,
            invitationExpiresAt,
          },
        ),
      ).toBe(refusal);
    },
  );
});

describe('pendingInvitationOf', () => {
  const sent = new Date('2026-12-07T10:00:00.000Z');
  it.each([
    ['a pending invitation', sent, pending, { sentAt: sent, expiresAt: pending }],
    ['an expired one, still pending', sent, new Date(0), { sentAt: sent, expiresAt: new Date(0) }],
    ['a revoked or accepted one', sent, null, null],
    ['none ever sent', null, null, null],
  ])('answers %s', (_name, invitedAt, invitationExpiresAt, expected) => {
    expect(pendingInvitationOf({ invitedAt, invitationExpiresAt })).toEqual(expected);
  });
});
