import { auditActions } from '@twofold/shared';
import { type AuditEventNode, actionWords, describeEvent } from './describe-event';

function event(action: string, details: Record<string, unknown> = {}): AuditEventNode {
  return {
    __typename: 'AuditEvent',
    id: 'e1',
    action,
    actorUserId: 'u1',
    actorName: 'Ada',
    targetType: 'User',
    targetId: 'u2',
    targetName: 'Rita',
    ip: null,
    details,
    createdAt: '2026-12-07T10:00:00.000Z',
  };
}

describe('audit events in words', () => {
  it.each(auditActions.map((action) => [action]))('says what %s means', (action) => {
    const sentence = describeEvent(event(action));
    expect(sentence).not.toContain(action);
    expect(sentence.length).toBeGreaterThan(10);
    expect(actionWords[action].label).not.toBe('');
  });

  it.each([
    ['AUTHENTICATOR_APP', 'Ada set up an authenticator app'],
    ['SMS', 'Ada set up text message codes'],
    ['PIN', 'Ada set up a PIN code'],
  ])('names the method %s that was set up', (method, sentence) => {
    expect(describeEvent(event('two_factor.enabled', { method }))).toBe(sentence);
  });

  it.each([
    ['user.created', { sendInvitation: true }, 'Ada invited Rita'],
    ['user.created', { sendInvitation: false }, 'Ada added Rita without an invitation'],
    ['user.invitation_sent', { resent: false }, 'Ada sent Rita an invitation'],
    ['user.invitation_sent', { resent: true }, 'Ada sent Rita a new invitation'],
    ['user.invitation_revoked', {}, 'Ada revoked the invitation of Rita'],
  ])('tells what became of an invitation: %s %j', (action, details, sentence) => {
    expect(describeEvent(event(action, details))).toBe(sentence);
  });

  it('says whether an export was filtered', () => {
    expect(describeEvent(event('users.exported', { filter: {} }))).toBe(
      'Ada downloaded the users list as CSV',
    );
    expect(describeEvent(event('audit_log.exported', { filter: { action: 'user.updated' } }))).toBe(
      'Ada downloaded the audit log as CSV (filtered)',
    );
  });

  it.each([
    [
      { reason: 'Lost phone' },
      'Ada reset the two-factor authentication of Rita — reason: “Lost phone”',
    ],
    [
      { reason: 'Lost phone', factors: ['SMS'] },
      'Ada removed the text message number of Rita — reason: “Lost phone”',
    ],
    [
      { reason: 'Leaked', factors: ['PIN', 'BACKUP_CODE'] },
      'Ada removed the PIN code and the backup codes of Rita — reason: “Leaked”',
    ],
  ])('says which factors a reset removed: %j', (details, sentence) => {
    expect(describeEvent(event('two_factor.reset', details))).toBe(sentence);
  });

  it.each([
    [{ disabled: false }, 'Ada unlocked the second factor of Rita'],
    [
      { disabled: true },
      'Ada unlocked the second factor of Rita, disabled after too many wrong codes',
    ],
  ])('says what an unlock lifted: %j', (details, sentence) => {
    expect(describeEvent(event('two_factor.unlocked', details))).toBe(sentence);
  });

  it.each([
    [
      'auth.remembered_browser_used',
      { browser: 'Chrome on Linux' },
      'Ada skipped the second factor on a remembered browser (Chrome on Linux)',
    ],
    [
      'two_factor.browser_remembered',
      { browser: 'Firefox on Windows', days: 30 },
      'Ada let Firefox on Windows skip the second factor for 30 days',
    ],
    [
      'two_factor.remembered_browsers_forgotten',
      { count: 3 },
      'Ada forgot 3 remembered browsers of Rita',
    ],
    [
      'two_factor.remembered_browsers_forgotten',
      { count: 1, browser: 'Safari on iOS' },
      'Ada forgot 1 remembered browser (Safari on iOS) of Rita',
    ],
  ])('tells what became of remembered browsers: %s %j', (action, details, sentence) => {
    expect(describeEvent(event(action, details))).toBe(sentence);
  });

  it('says a profile forgot its own remembered browsers without naming it twice', () => {
    expect(
      describeEvent({
        ...event('two_factor.remembered_browsers_forgotten', { count: 2 }),
        targetName: 'Ada',
      }),
    ).toBe('Ada forgot 2 remembered browsers');
  });

  it('counts the sessions an administrator ended', () => {
    expect(describeEvent(event('user.sessions_ended', { sessions: 2 }))).toBe(
      'Ada ended 2 sessions of Rita',
    );
    expect(describeEvent(event('user.sessions_ended', { sessions: 1 }))).toBe(
      'Ada ended 1 session of Rita',
    );
  });

  it('shows an action newer than this console as it is', () => {
    expect(describeEvent(event('user.teleported'))).toBe('Ada: user.teleported');
  });
});
