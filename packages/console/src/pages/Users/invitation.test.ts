import { invitationPhase, invitationText, sendInvitationLabel, timeLeft } from './invitation';

const now = Date.parse('2026-12-10T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const hour = 3_600_000;

describe('an invited user’s invitation in words', () => {
  it.each([
    ['a fresh invitation', at(72 * hour - 1000), 'PENDING', 'Invitation expires in 3 days'],
    ['one with 36 hours left', at(36 * hour), 'PENDING', 'Invitation expires in 2 days'],
    ['one with a day left', at(24 * hour), 'PENDING', 'Invitation expires in 1 day'],
    ['one with 5 hours left', at(5 * hour + 60_000), 'PENDING', 'Invitation expires in 5 hours'],
    [
      'one with 20 minutes left',
      at(20 * 60_000 - 5000),
      'PENDING',
      'Invitation expires in 20 minutes',
    ],
    ['one with seconds left', at(5000), 'PENDING', 'Invitation expires in 1 minute'],
    ['an expired one', at(-1000), 'EXPIRED', 'Invitation expired'],
    ['one expiring now', at(0), 'EXPIRED', 'Invitation expired'],
  ])('says %s', (_name, expiresAt, phase, text) => {
    const user = {
      status: 'INVITED' as const,
      invitedAt: at(-hour),
      invitation: { __typename: 'Invitation' as const, sentAt: at(-hour), expiresAt },
    };
    expect(invitationPhase(user, now)).toBe(phase);
    expect(invitationText(user, now)).toBe(text);
  });

  it('tells a revoked invitation from none ever sent', () => {
    expect(invitationText({ status: 'INVITED', invitedAt: at(-hour), invitation: null }, now)).toBe(
      'Invitation revoked',
    );
    expect(invitationText({ status: 'INVITED', invitedAt: null, invitation: null }, now)).toBe(
      'Not invited yet',
    );
  });

  it('says nothing about users who are not waiting for an invitation', () => {
    for (const status of ['ACTIVE', 'SUSPENDED'] as const) {
      expect(invitationText({ status, invitedAt: at(-hour), invitation: null }, now)).toBeNull();
    }
  });

  it('offers to send a first invitation, or to resend one', () => {
    expect(sendInvitationLabel({ invitedAt: null })).toBe('Send invitation');
    expect(sendInvitationLabel({ invitedAt: at(-hour) })).toBe('Resend invitation');
  });

  it.each([
    [90 * 60_000, '2 hours'],
    [23 * hour + 40 * 60_000, '1 day'],
    [hour, '1 hour'],
    [59 * 60_000 + 1, '60 minutes'],
  ])('reads %i ms as %s', (ms, words) => {
    expect(timeLeft(ms)).toBe(words);
  });
});
