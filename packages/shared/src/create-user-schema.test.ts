import { UserType } from './enums';
import { createUserSchema, toFieldErrors } from './validation';

describe('createUserSchema', () => {
  const valid = {
    email: ' Ann@Example.COM ',
    displayName: ' Ann ',
    userType: UserType.APP_REVIEWER,
  };

  it('normalizes the email and fills the defaults when optional fields are absent or null', () => {
    expect(createUserSchema.parse(valid)).toEqual({
      email: 'ann@example.com',
      displayName: 'Ann',
      userType: UserType.APP_REVIEWER,
      appIds: [],
      requireTwoFactor: false,
      sendInvitation: true,
    });
    expect(
      createUserSchema.parse({
        ...valid,
        appIds: null,
        requireTwoFactor: null,
        sendInvitation: null,
      }),
    ).toMatchObject({ appIds: [], requireTwoFactor: false, sendInvitation: true });
  });

  it('drops repeated app ids', () => {
    expect(createUserSchema.parse({ ...valid, appIds: ['a', 'b', 'a'] }).appIds).toEqual([
      'a',
      'b',
    ]);
  });

  it.each([
    [{ email: 'not-an-email' }, 'input.email'],
    [{ displayName: '   ' }, 'input.displayName'],
    [{ displayName: 'x'.repeat(101) }, 'input.displayName'],
    [{ userType: 'OWNER' }, 'input.userType'],
    [{ appIds: ['x'.repeat(65)] }, 'input.appIds.0'],
  ])('rejects %j naming %s', (change, field) => {
    const result = createUserSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toFieldErrors(result.error, 'input').map((e) => e.field)).toEqual([field]);
  });
});
