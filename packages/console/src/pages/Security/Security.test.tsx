import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AccountDomainsDocument,
  IdentityProvidersDocument,
  SecurityPolicyImpactDocument,
  SecuritySettingsDocument,
  UpdateAllowedSmsCountriesDocument,
  UpdateSecurityPolicyDocument,
  type SecurityPolicyInput,
} from '@twofold/shared/graphql';
import { viewerAs } from '../../../test/app';
import { MemoryRouter } from 'react-router';
import { renderWithProviders } from '../../../test/render';

const viewer = (isOwner: boolean) => viewerAs('ADMINISTRATOR', isOwner);
import { describeImpact, describeRemembering, type Impact, isStricter } from './impact';
import { SecurityPage } from '.';
import { mockOf } from '../../../test/mock';

const updatedAt = '2026-11-01T09:00:00.000Z';
const types = ['ADMINISTRATOR', 'APP_ADMINISTRATOR', 'APP_REVIEWER', 'APP_REPORT_VIEWER'] as const;

function settingsWith(
  allowedMethods: string[],
  account: { allowedSmsCountries: string[]; allowAllSmsCountries: boolean },
): MockLink.MockedResponse {
  return mockOf(SecuritySettingsDocument, {
    result: {
      data: {
        securityPolicies: types.map((userType) => ({
          __typename: 'SecurityPolicy',
          userType,
          enforcement: 'OPTIONAL',
          allowedMethods,
          gracePeriodDays: 0,
          phishingResistantOnly: false,
          rememberDeviceDays: 0,
          updatedAt,
        })),
        account: { __typename: 'Account', id: 'acc-1', ...account },
      },
    },
    maxUsageCount: 10,
  });
}

const settings = settingsWith(['AUTHENTICATOR_APP', 'SMS', 'PIN'], {
  allowedSmsCountries: ['GB'],
  allowAllSmsCountries: false,
});

const noProviders: MockLink.MockedResponse = mockOf(IdentityProvidersDocument, {
  result: { data: { identityProviders: [] } },
  maxUsageCount: 10,
});

const noDomains: MockLink.MockedResponse = mockOf(AccountDomainsDocument, {
  result: { data: { accountDomains: [] } },
  maxUsageCount: 10,
});

function renderSecurity(mocks: MockLink.MockedResponse[]) {
  return renderWithProviders(
    <MemoryRouter initialEntries={['/security']}>
      <SecurityPage />
    </MemoryRouter>,
    [...mocks, noProviders, noDomains],
  );
}

const input = {
  userType: 'APP_REVIEWER',
  enforcement: 'REQUIRED',
  allowedMethods: ['AUTHENTICATOR_APP', 'SMS'],
  gracePeriodDays: 7,
  phishingResistantOnly: false,
  rememberDeviceDays: 0,
} satisfies SecurityPolicyInput;

const impact: Impact = {
  __typename: 'SecurityPolicyImpact',
  userType: 'APP_REVIEWER',
  users: 14,
  notEnrolled: 12,
  enrollAtNextSignIn: 0,
  inGracePeriod: 12,
  onlyRemovedMethods: 3,
  withoutPasskey: 0,
  deadline: '2026-12-14T12:00:00.000Z',
  earliestDeadline: '2026-12-14T12:00:00.000Z',
  latestDeadline: '2026-12-14T12:00:00.000Z',
  callerMustEnroll: false,
  callerDeadline: null,
};

const now = new Date('2026-11-30T12:00:00Z');

describe('describeImpact', () => {
  it.each<[string, Partial<Impact>, string[]]>([
    [
      'a grace period',
      {},
      [
        '12 App reviewers are not enrolled; they must enroll by 14 Dec.',
        '3 hold only a method you are removing: it still guards their sign-in, but they must set up an allowed method too.',
      ],
    ],
    [
      'no grace',
      { inGracePeriod: 0, enrollAtNextSignIn: 12, onlyRemovedMethods: 0 },
      ['12 App reviewers are not enrolled; they must enroll at their next sign-in.'],
    ],
    [
      'both',
      { inGracePeriod: 2, enrollAtNextSignIn: 10, onlyRemovedMethods: 0 },
      ['12 App reviewers are not enrolled: 10 must enroll at their next sign-in, 2 by 14 Dec.'],
    ],
    [
      'one user already enrolled',
      { users: 1, notEnrolled: 0, inGracePeriod: 0, onlyRemovedMethods: 0 },
      ['All 1 App reviewer already meet this rule: nobody has to set anything up.'],
    ],
    [
      'the owner at once',
      {
        userType: 'ADMINISTRATOR',
        notEnrolled: 1,
        inGracePeriod: 0,
        enrollAtNextSignIn: 1,
        onlyRemovedMethods: 0,
        callerMustEnroll: true,
      },
      [
        '1 Administrator is not enrolled; they must enroll at their next sign-in.',
        'This includes you: you will have to set up two-factor authentication at once, right after saving.',
      ],
    ],
    [
      'phishing-resistant only',
      {
        inGracePeriod: 0,
        enrollAtNextSignIn: 4,
        notEnrolled: 4,
        onlyRemovedMethods: 0,
        withoutPasskey: 9,
      },
      [
        '4 App reviewers are not enrolled; they must enroll at their next sign-in.',
        '9 App reviewers hold no passkey yet: only a passkey counts for them once the rule is phishing-resistant only.',
      ],
    ],
  ])('words %s', (_name, change, expected) => {
    // fixed wording for the test: day and short month in British order
    const toLocale = Date.prototype.toLocaleDateString;
    jest.spyOn(Date.prototype, 'toLocaleDateString').mockImplementation(function (
      this: Date,
      _locales,
      options,
    ) {
      return toLocale.call(this, 'en-GB', options);
    });
    expect(describeImpact({ ...impact, ...change }, now)).toEqual(expected);
    jest.restoreAllMocks();
  });
});

describe('isStricter', () => {
  const rule = {
    enforcement: 'OPTIONAL',
    allowedMethods: ['AUTHENTICATOR_APP', 'PASSKEY'],
    phishingResistantOnly: false,
    rememberDeviceDays: 30,
  };
  it.each<[string, Partial<typeof rule>, boolean]>([
    ['the same rule', {}, false],
    ['enforcement raised', { enforcement: 'REQUIRED' }, true],
    ['enforcement lowered', { enforcement: 'OFF' }, false],
    ['a method dropped', { allowedMethods: ['PASSKEY'] }, true],
    ['a method added', { allowedMethods: ['AUTHENTICATOR_APP', 'PASSKEY', 'SMS'] }, false],
    ['phishing-resistant only turned on', { phishingResistantOnly: true }, true],
    ['fewer days', { rememberDeviceDays: 7 }, true],
    ['remembering turned off', { rememberDeviceDays: 0 }, true],
    ['more days', { rememberDeviceDays: 90 }, false],
  ])('answers for %s', (_name, change, expected) => {
    expect(isStricter(rule, { ...rule, ...change })).toBe(expected);
  });

  it('turning phishing-resistant only off asks no more', () => {
    const on = { ...rule, phishingResistantOnly: true };
    expect(isStricter(on, rule)).toBe(false);
  });
});

describe('describeRemembering', () => {
  const rule = {
    enforcement: 'REQUIRED',
    allowedMethods: ['PASSKEY'],
    phishingResistantOnly: false,
    rememberDeviceDays: 30,
  };
  it.each<[string, Partial<typeof rule>, Partial<typeof rule>, string | null]>([
    ['nothing about browsers', {}, {}, null],
    ['off and still off', { rememberDeviceDays: 0 }, { rememberDeviceDays: 0 }, null],
    [
      'turned on',
      { rememberDeviceDays: 0 },
      { rememberDeviceDays: 1 },
      'After a second factor, a browser may skip it for 1 day.',
    ],
    [
      'more days',
      {},
      { rememberDeviceDays: 60 },
      'After a second factor, a browser may skip it for 60 days.',
    ],
    [
      'fewer days',
      {},
      { rememberDeviceDays: 7 },
      'Browsers remembered under the current rule are forgotten: they ask for a second factor again, then are remembered for 7 days.',
    ],
    [
      'turned off',
      {},
      { rememberDeviceDays: 0 },
      'Browsers remembered under the current rule are forgotten, and no browser is remembered any more.',
    ],
    [
      'a stricter rule with the same days',
      {},
      { phishingResistantOnly: true },
      'Browsers remembered under the current rule are forgotten: they ask for a second factor again, then are remembered for 30 days.',
    ],
  ])('words %s', (_name, saved, next, expected) => {
    expect(describeRemembering({ ...rule, ...saved }, { ...rule, ...next })).toBe(expected);
  });
});

describe('SecurityPage', () => {
  it('shows the impact of a stricter rule and saves it only once the owner confirms', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    const saved = jest.fn(() => ({
      data: {
        updateSecurityPolicy: {
          __typename: 'SecurityPolicy' as const,
          ...input,
          updatedAt: '2026-11-30T12:00:00.000Z',
        },
      },
    }));
    renderSecurity([
      viewer(true),
      settings,
      mockOf(SecurityPolicyImpactDocument, { variables: { input }, result: previewed }),
      mockOf(UpdateSecurityPolicyDocument, { variables: { input }, result: saved }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.click(card.getByText('Required'));
    fireEvent.click(card.getByLabelText('PIN code (additional verification)'));
    fireEvent.change(card.getByLabelText('Grace period (days)'), { target: { value: '7' } });
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));

    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(/^12 App reviewers are not enrolled; they must enroll by/),
    ).toBeInTheDocument();
    expect(dialog.getByText(/^3 hold only a method you are removing/)).toBeInTheDocument();
    expect(
      dialog.getByText('This rule asks more of users than the current one.'),
    ).toBeInTheDocument();
    expect(saved).not.toHaveBeenCalled();

    fireEvent.click(dialog.getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
    expect(previewed).toHaveBeenCalledTimes(1);
  });

  it('saves the days a browser is remembered and tells the owner before saving', async () => {
    const withDays: SecurityPolicyInput = {
      userType: 'APP_REVIEWER',
      enforcement: 'OPTIONAL',
      allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
      gracePeriodDays: 0,
      phishingResistantOnly: false,
      rememberDeviceDays: 30,
    };
    const saved = jest.fn(() => ({
      data: {
        updateSecurityPolicy: { __typename: 'SecurityPolicy', ...withDays, updatedAt },
      },
    }));
    renderSecurity([
      viewer(true),
      settings,
      mockOf(SecurityPolicyImpactDocument, {
        variables: { input: withDays },
        result: { data: { securityPolicyImpact: { ...impact, notEnrolled: 0 } } },
      }),
      mockOf(UpdateSecurityPolicyDocument, { variables: { input: withDays }, result: saved }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.change(card.getByLabelText('Remember a browser for (days)'), {
      target: { value: '30' },
    });
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText('After a second factor, a browser may skip it for 30 days.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('This rule asks no more of users than the current one.'),
    ).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });

  it('refuses more than 90 remembered days before asking the server', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    renderSecurity([
      viewer(true),
      settings,
      mockOf(SecurityPolicyImpactDocument, { variables: () => true, result: previewed }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.change(card.getByLabelText('Remember a browser for (days)'), {
      target: { value: '91' },
    });
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));
    expect(await card.findByText('At most 90 days')).toBeInTheDocument();
    expect(previewed).not.toHaveBeenCalled();
  });

  it('offers phishing-resistant only only while Passkey is allowed', async () => {
    renderSecurity([viewer(true), settings]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    const only = card.getByRole('switch', { name: /^Phishing-resistant only/ });
    expect(only).toBeDisabled();
    expect(
      card.getByText('Allow Passkey first: only a passkey resists phishing.'),
    ).toBeInTheDocument();
  });

  it('asks for passkeys only, once Passkey is allowed, and says who holds none yet', async () => {
    const passkeysOnly: SecurityPolicyInput = {
      userType: 'APP_REVIEWER',
      enforcement: 'OPTIONAL',
      allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN', 'PASSKEY'],
      gracePeriodDays: 0,
      phishingResistantOnly: true,
      rememberDeviceDays: 0,
    };
    const saved = jest.fn(() => ({
      data: {
        updateSecurityPolicy: {
          __typename: 'SecurityPolicy' as const,
          ...passkeysOnly,
          phishingResistantOnly: true,
          rememberDeviceDays: 0,
          updatedAt,
        },
      },
    }));
    renderSecurity([
      viewer(true),
      settings,
      mockOf(SecurityPolicyImpactDocument, {
        variables: { input: passkeysOnly },
        result: {
          data: {
            securityPolicyImpact: {
              ...impact,
              notEnrolled: 0,
              onlyRemovedMethods: 0,
              withoutPasskey: 5,
            },
          },
        },
      }),
      mockOf(UpdateSecurityPolicyDocument, { variables: { input: passkeysOnly }, result: saved }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    const only = card.getByRole('switch', { name: /^Phishing-resistant only/ });
    fireEvent.click(card.getByLabelText('Passkey (fingerprint, face or security key)'));
    expect(only).toBeEnabled();
    fireEvent.click(only);
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(/^5 App reviewers hold no passkey yet: only a passkey counts/),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('This rule asks more of users than the current one.'),
    ).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });

  it('turns phishing-resistant only off with Passkey', async () => {
    renderSecurity([viewer(true), settings]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    const only = card.getByRole('switch', { name: /^Phishing-resistant only/ });
    const passkey = card.getByLabelText('Passkey (fingerprint, face or security key)');
    fireEvent.click(passkey);
    fireEvent.click(only);
    expect(only).toBeChecked();
    fireEvent.click(passkey);
    expect(only).not.toBeChecked();
    expect(only).toBeDisabled();
  });

  it('refuses a grace period out of range before asking the server', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    renderSecurity([
      viewer(true),
      settings,
      mockOf(SecurityPolicyImpactDocument, { variables: () => true, result: previewed }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.click(card.getByText('Required'));
    fireEvent.change(card.getByLabelText('Grace period (days)'), { target: { value: '999' } });
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));
    expect(await card.findByText('At most 365 days')).toBeInTheDocument();
    expect(previewed).not.toHaveBeenCalled();
  });

  it('says SMS needs a country, links to the country list and asks the server nothing', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    renderSecurity([
      viewer(true),
      settingsWith(['AUTHENTICATOR_APP', 'PIN'], {
        allowedSmsCountries: [],
        allowAllSmsCountries: false,
      }),
      mockOf(SecurityPolicyImpactDocument, { variables: () => true, result: previewed }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    expect(card.queryByText('SMS needs a country')).toBeNull();
    expect(screen.getByText(/None is allowed yet, so nobody can set up SMS/)).toBeInTheDocument();

    fireEvent.click(card.getByLabelText('Text message (SMS)'));
    expect(card.getByText('SMS needs a country')).toBeInTheDocument();
    const link = card.getByRole('link', { name: 'Choose the SMS countries' });
    // the link leads to the SMS countries card of the same page
    const target = document.getElementById(link.getAttribute('href')!.slice(1));
    expect(target).toBe(screen.getByRole('region', { name: 'SMS countries' }));
    const button = card.getByRole('button', { name: 'Review and save' });
    expect(button).toBeDisabled();
    fireEvent.click(button);
    expect(previewed).not.toHaveBeenCalled();

    // leaving SMS out again clears it
    fireEvent.click(card.getByLabelText('Text message (SMS)'));
    expect(card.queryByText('SMS needs a country')).toBeNull();
  });

  it('offers SMS without a warning where every country is kept from before', async () => {
    renderSecurity([
      viewer(true),
      settingsWith(['AUTHENTICATOR_APP', 'PIN'], {
        allowedSmsCountries: [],
        allowAllSmsCountries: true,
      }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.click(card.getByLabelText('Text message (SMS)'));
    expect(card.queryByText('SMS needs a country')).toBeNull();
    expect(card.getByRole('button', { name: 'Review and save' })).toBeEnabled();
  });

  it('shows every country kept from before, and narrows it to the list when the owner unticks it', async () => {
    const saved = jest.fn(() => ({
      data: {
        updateAllowedSmsCountries: {
          __typename: 'Account',
          id: 'acc-1',
          allowedSmsCountries: ['GB'],
          allowAllSmsCountries: false,
        },
      },
    }));
    renderSecurity([
      viewer(true),
      settingsWith(['AUTHENTICATOR_APP', 'SMS', 'PIN'], {
        allowedSmsCountries: ['GB'],
        allowAllSmsCountries: true,
      }),
      mockOf(UpdateAllowedSmsCountriesDocument, {
        variables: { countries: ['GB'], allowAllCountries: false },
        result: saved,
      }),
    ]);
    const card = within(await screen.findByRole('region', { name: 'SMS countries' }));
    const every = card.getByLabelText('Every country (kept from before)');
    expect(every).toBeChecked();
    expect(card.getByText('Every country, kept from before')).toBeInTheDocument();
    const save = card.getByRole('button', { name: 'Save countries' });
    expect(save).toBeDisabled();
    fireEvent.click(every);
    fireEvent.click(save);
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });

  it('shows administrators the rules read-only', async () => {
    renderSecurity([viewer(false), settings]);
    await screen.findByRole('region', { name: 'App reviewers' });
    expect(screen.getByText(/Only the account owner can change them/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Review and save' })).toBeNull();
    expect(screen.getAllByText('Read only')).toHaveLength(4);
  });
});
