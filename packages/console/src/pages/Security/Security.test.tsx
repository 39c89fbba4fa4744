import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AccountDomainsDocument,
  IdentityProvidersDocument,
  SecurityPolicyImpactDocument,
  SecuritySettingsDocument,
  UpdateSecurityPolicyDocument,
} from '@twofold/shared/graphql';
import { viewerAs } from '../../../test/app';
import { MemoryRouter } from 'react-router';
import { renderWithProviders } from '../../../test/render';

const viewer = (isOwner: boolean) => viewerAs('ADMINISTRATOR', isOwner);
import { describeImpact, type Impact } from './impact';
import { SecurityPage } from '.';

const updatedAt = '2026-11-01T09:00:00.000Z';
const types = ['ADMINISTRATOR', 'APP_ADMINISTRATOR', 'APP_REVIEWER', 'APP_REPORT_VIEWER'] as const;

const settings: MockLink.MockedResponse = {
  request: { query: SecuritySettingsDocument },
  result: {
    data: {
      securityPolicies: types.map((userType) => ({
        __typename: 'SecurityPolicy',
        userType,
        enforcement: 'OPTIONAL',
        allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
        gracePeriodDays: 0,
        updatedAt,
      })),
      account: { __typename: 'Account', id: 'acc-1', allowedSmsCountries: ['GB'] },
    },
  },
  maxUsageCount: 10,
};

const noProviders: MockLink.MockedResponse = {
  request: { query: IdentityProvidersDocument },
  result: { data: { identityProviders: [] } },
  maxUsageCount: 10,
};

const noDomains: MockLink.MockedResponse = {
  request: { query: AccountDomainsDocument },
  result: { data: { accountDomains: [] } },
  maxUsageCount: 10,
};

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
};

const impact: Impact = {
  __typename: 'SecurityPolicyImpact',
  userType: 'APP_REVIEWER',
  users: 14,
  notEnrolled: 12,
  enrollAtNextSignIn: 0,
  inGracePeriod: 12,
  onlyRemovedMethods: 3,
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

describe('SecurityPage', () => {
  it('shows the impact of a stricter rule and saves it only once the owner confirms', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    const saved = jest.fn(() => ({
      data: {
        updateSecurityPolicy: {
          __typename: 'SecurityPolicy',
          ...input,
          updatedAt: '2026-11-30T12:00:00.000Z',
        },
      },
    }));
    renderSecurity([
      viewer(true),
      settings,
      { request: { query: SecurityPolicyImpactDocument, variables: { input } }, result: previewed },
      { request: { query: UpdateSecurityPolicyDocument, variables: { input } }, result: saved },
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

  it('refuses a grace period out of range before asking the server', async () => {
    const previewed = jest.fn(() => ({ data: { securityPolicyImpact: impact } }));
    renderSecurity([
      viewer(true),
      settings,
      {
        request: { query: SecurityPolicyImpactDocument, variables: () => true },
        result: previewed,
      },
    ]);
    const card = within(await screen.findByRole('region', { name: 'App reviewers' }));
    fireEvent.click(card.getByText('Required'));
    fireEvent.change(card.getByLabelText('Grace period (days)'), { target: { value: '999' } });
    fireEvent.click(card.getByRole('button', { name: 'Review and save' }));
    expect(await card.findByText('At most 365 days')).toBeInTheDocument();
    expect(previewed).not.toHaveBeenCalled();
  });

  it('shows administrators the rules read-only', async () => {
    renderSecurity([viewer(false), settings]);
    await screen.findByRole('region', { name: 'App reviewers' });
    expect(screen.getByText(/Only the account owner can change them/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Review and save' })).toBeNull();
    expect(screen.getAllByText('Read only')).toHaveLength(4);
  });
});
