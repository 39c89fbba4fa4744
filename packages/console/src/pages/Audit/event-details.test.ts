import { formatDateTime } from '../../lib/labels';
import { type DetailLine, detailLines, fieldLabel } from './event-details';

const change = (label: string, from: string, to: string): DetailLine => ({
  kind: 'change',
  label,
  from,
  to,
});
const fact = (label: string, value: string): DetailLine => ({ kind: 'fact', label, value });

describe('an event’s details, line by line', () => {
  it.each<[string, Record<string, unknown> | null, DetailLine[]]>([
    ['no details', null, []],
    [
      'a user’s update, from what to what, codes in words',
      {
        changed: ['displayName', 'userType', 'requireTwoFactor'],
        changes: {
          displayName: { from: 'Rita R.', to: 'Rita Reviewer' },
          userType: { from: 'APP_REVIEWER', to: 'ADMINISTRATOR' },
          requireTwoFactor: { from: false, to: true },
        },
      },
      [
        change('Name', 'Rita R.', 'Rita Reviewer'),
        change('User type', 'App reviewer', 'Administrator'),
        change('Two-factor authentication required', 'No', 'Yes'),
      ],
    ],
    [
      'a policy’s old and new values, the unchanged ones left out',
      {
        userType: 'APP_REVIEWER',
        old: { enforcement: 'OPTIONAL', allowedMethods: ['PIN'], gracePeriodDays: 7 },
        new: {
          enforcement: 'REQUIRED',
          allowedMethods: ['PIN', 'AUTHENTICATOR_APP'],
          gracePeriodDays: 7,
        },
        deadlinesFixed: 3,
      },
      [
        change('Two-factor authentication', 'Optional', 'Required'),
        change(
          'Allowed methods',
          'PIN code (additional verification)',
          'PIN code (additional verification), Authenticator app',
        ),
        fact('User type', 'App reviewer'),
        fact('Deadlines set', '3'),
      ],
    ],
    [
      'a first policy (nothing before)',
      { userType: 'ADMINISTRATOR', old: null, new: { enforcement: 'REQUIRED' } },
      [change('Two-factor authentication', 'none', 'Required'), fact('User type', 'Administrator')],
    ],
    [
      'a provider’s secret, named but never shown',
      {
        fields: ['clientSecret', 'twoFactorPolicy'],
        changes: { twoFactorPolicy: { from: 'REQUIRE_TWOFOLD', to: 'EXEMPT' } },
      },
      [
        change('Second-factor rule', "Twofold's second factor", 'No second factor'),
        fact('Also changed', 'Client secret'),
      ],
    ],
    [
      'apps assigned, by name, without their ids',
      {
        added: ['1b6f0c2e-0000-4000-8000-000000000001'],
        removed: [],
        changes: { apps: { from: [], to: ['Field Notes'] } },
      },
      [change('Apps', 'none', 'Field Notes')],
    ],
    [
      'an export’s filter',
      { filter: { userType: 'APP_REVIEWER', search: 'rit' } },
      [fact('Filter', 'User type: App reviewer; Search: rit')],
    ],
    ['an export of everything', { filter: {} }, [fact('Filter', 'none')]],
    [
      'an older update that kept only the new value',
      { changed: ['displayName'], displayName: 'New name' },
      [fact('Name', 'New name')],
    ],
    [
      'an older update that kept only the names',
      { fields: ['bundleId', 'previewUrl'] },
      [fact('Also changed', 'Bundle ID, Preview URL')],
    ],
    [
      'a field this console has no words for',
      { someNewThing: 'x', otherThing: 2 },
      [fact('Some new thing', 'x'), fact('Other thing', '2')],
    ],
  ])('reads %s', (_what, details, lines) => {
    expect(detailLines(details)).toEqual(lines);
  });

  it('shows an instant in the reader’s time zone', () => {
    const at = '2026-12-31T09:00:00.000Z';
    expect(detailLines({ changes: { twoFactorDeadline: { from: null, to: at } } })).toEqual([
      change('Set-up deadline', 'none', formatDateTime(at)),
    ]);
  });

  it('spells out a field it has no words for', () => {
    expect(fieldLabel('maxAgeSeconds')).toBe('Maximum sign-in age (seconds)');
    expect(fieldLabel('brandNewField')).toBe('Brand new field');
  });
});
