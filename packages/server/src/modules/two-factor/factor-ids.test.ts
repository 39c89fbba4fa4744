import { SecondFactorKind } from '@twofold/shared';
import { factorIdOf, parseFactorId } from './factor-ids';

const uuid = '0b5d8a52-4f0e-4c1a-9d7e-2f6c3b1a9e10';

describe('factor ids', () => {
  it.each([
    [SecondFactorKind.AUTHENTICATOR_APP, `app:${uuid}`],
    [SecondFactorKind.SMS, `sms:${uuid}`],
    [SecondFactorKind.PIN, `pin:${uuid}`],
    [SecondFactorKind.BACKUP_CODE, `backup-codes:${uuid}`],
    [SecondFactorKind.PASSKEY, `passkey:${uuid}`],
  ])('names a %s factor %s and reads it back', (kind, id) => {
    expect(factorIdOf({ kind, rowId: uuid })).toBe(id);
    expect(parseFactorId(id)).toEqual({ kind, rowId: uuid });
  });

  it('reads an upper-case row id as the stored lower-case one', () => {
    expect(parseFactorId(`sms:${uuid.toUpperCase()}`)).toEqual({
      kind: SecondFactorKind.SMS,
      rowId: uuid,
    });
  });

  it.each([
    uuid,
    `phone:${uuid}`,
    `AUTHENTICATOR_APP:${uuid}`,
    'app:',
    'app:not-a-uuid',
    `app:${uuid}:x`,
    `app:${uuid}' OR '1'='1`,
    '',
    ':',
  ])('refuses %j', (id) => {
    expect(parseFactorId(id)).toBeNull();
  });
});
