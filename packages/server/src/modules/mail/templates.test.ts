import { invitationMail, oneLine, passwordResetMail } from './templates';

describe('mail templates', () => {
  const link = 'https://twofold.example/invitation/abc_DEF-123';

  it('invites a new login to choose a password through the link', () => {
    const mail = invitationMail({
      displayName: 'Ann',
      accountName: 'Acme',
      inviterName: 'Olga',
      link,
      expiresInHours: 72,
      hasLogin: false,
    });
    expect(mail.subject).toBe('You have been invited to Acme on Twofold');
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toContain('Olga invited you to the account Acme');
    expect(mail.text).toContain('choose your password');
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toContain('expires in 72 hours');
  });

  it('tells an existing login to confirm with its current password', () => {
    const mail = invitationMail({
      displayName: 'Ann',
      accountName: 'Acme',
      inviterName: 'Olga',
      link,
      expiresInHours: 72,
      hasLogin: true,
    });
    expect(mail.text).toContain('confirm with your current password');
    expect(mail.text).not.toContain('choose your password');
  });

  it('keeps names typed by administrators on one header line', () => {
    const mail = invitationMail({
      displayName: 'Ann\r\nBcc: victim@example.com',
      accountName: 'Acme\r\nBcc: x@example.com',
      inviterName: 'Olga',
      link,
      expiresInHours: 72,
      hasLogin: false,
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe('You have been invited to Acme Bcc: x@example.com on Twofold');
    expect(mail.text).toContain('Hello Ann Bcc: victim@example.com,');
  });

  it('sends a password reset link with its lifetime', () => {
    const mail = passwordResetMail({ link, expiresInMinutes: 60 });
    expect(mail.subject).toBe('Reset your Twofold password');
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toContain('expires in 60 minutes');
  });

  it.each([
    ['plain', 'plain'],
    ['  padded  ', 'padded'],
    ['a\nb\r\nc\td\u0000e', 'a b c d e'],
  ])('oneLine(%j) is %j', (input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });
});
