import {
  enrollmentLinkMail,
  factorsRemovedMail,
  invitationMail,
  oneLine,
  passwordResetMail,
  twoFactorResetMail,
} from './templates';

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

  it('tells a user who reset their 2FA and that the next sign-in links it again', () => {
    const mail = twoFactorResetMail({
      displayName: 'Ann',
      accountName: 'Acme',
      adminName: 'Olga\r\nBcc: x@example.com',
    });
    expect(mail.subject).toBe('Your two-factor authentication for Acme was reset');
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toContain('was reset by Olga Bcc: x@example.com.');
    expect(mail.text).toContain('At your next sign-in you will link your authenticator again.');
    expect(mail.text).not.toMatch(/https?:\/\//);
  });

  it('tells a user which factors an administrator removed and that the others still work', () => {
    const mail = factorsRemovedMail({
      displayName: 'Ann',
      accountName: 'Acme\nBcc: x@example.com',
      adminName: 'Olga',
      removed: ['your text message number', 'your backup codes'],
    });
    expect(mail.subject).toBe('A second factor of yours for Acme Bcc: x@example.com was removed');
    expect(mail.text).toContain(
      'Olga removed your text message number and your backup codes from your two-factor authentication',
    );
    expect(mail.text).toContain('sign in again with a second factor you still have');
    expect(mail.text).not.toMatch(/https?:\/\//);
  });

  it('names no person when the break-glass command reset the 2FA', () => {
    const mail = twoFactorResetMail({ displayName: 'Ann', accountName: 'Acme', adminName: null });
    expect(mail.text).toContain('was reset by an operator of Twofold.');
  });

  describe('enrollment link', () => {
    const enrollLink = 'https://twofold.example/enroll/abc_DEF-123';
    const mail = enrollmentLinkMail({
      displayName: 'Ann',
      accountName: 'Acme',
      link: enrollLink,
      expiresInHours: 72,
    });

    it('carries the link alone on its line, its lifetime and the sign-in step', () => {
      expect(mail.subject).toBe('Set up two-factor authentication for Acme');
      expect(mail.text).toContain(`\n${enrollLink}\n`);
      expect(mail.text).toContain('expires in 72 hours');
      expect(mail.text).toContain('after signing in with your password you scan a new QR code');
    });

    it('carries no secret, otpauth URI or image', () => {
      const whole = `${mail.subject}\n${mail.text}`;
      expect(whole).not.toMatch(/otpauth:/i);
      expect(whole).not.toMatch(/secret=/i);
      expect(whole).not.toMatch(/data:image/i);
      expect(whole).not.toMatch(/<img/i);
      // the only long run of base32-looking characters would be a TOTP key
      expect(whole).not.toMatch(/\b[A-Z2-7]{16,}\b/);
      expect(Object.keys(mail).sort()).toEqual(['subject', 'text']);
    });
  });

  it.each([
    ['plain', 'plain'],
    ['  padded  ', 'padded'],
    ['a\nb\r\nc\td\u0000e', 'a b c d e'],
  ])('oneLine(%j) is %j', (input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });
});
