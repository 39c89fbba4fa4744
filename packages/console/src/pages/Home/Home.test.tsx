import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AppListDocument,
  type OverviewQuery,
  OverviewDocument,
  OwnTwoFactorDocument,
  type TwoFactorStatus,
  type UserRowFragment,
  type UsersQueryVariables,
  UsersDocument,
  UsersViewerDocument,
  type UserType,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { viewerAs } from '../../../test/app';
import { mockOf } from '../../../test/mock';
import { renderWithProviders } from '../../../test/render';
import { makeSession } from '../../../test/sessions';
import { sessionMock } from '../../../test/app';
import { paths } from '../../session/paths';
import { UsersPage } from '../Users';
import { eventLines } from './components/RecentEvents';
import { HomePage } from '.';

const status = (counts: Partial<Record<TwoFactorStatus, number>>) =>
  (
    [
      'NOT_REQUIRED',
      'OPTIONAL_OFF',
      'AWAITING_FIRST_SIGN_IN',
      'GRACE',
      'ENROLLED',
      'OVERDUE',
      'LOCKED',
    ] as const
  ).map((s) => ({
    __typename: 'TwoFactorStatusCount' as const,
    status: s,
    count: counts[s] ?? 0,
  }));

const overview: OverviewQuery = {
  twoFactorCompliance: [
    {
      __typename: 'TwoFactorCompliance',
      userType: 'ADMINISTRATOR',
      users: 2,
      enrolled: 2,
      pinOnly: 0,
      byStatus: status({ ENROLLED: 2 }),
    },
    {
      // 2 true second factors and 1 PIN only of 8: 25%
      __typename: 'TwoFactorCompliance',
      userType: 'APP_REVIEWER',
      users: 8,
      enrolled: 3,
      pinOnly: 1,
      byStatus: status({
        ENROLLED: 3,
        GRACE: 2,
        AWAITING_FIRST_SIGN_IN: 1,
        LOCKED: 1,
        OPTIONAL_OFF: 1,
      }),
    },
    {
      __typename: 'TwoFactorCompliance',
      userType: 'APP_ADMINISTRATOR',
      users: 0,
      enrolled: 0,
      pinOnly: 0,
      byStatus: status({}),
    },
    {
      __typename: 'TwoFactorCompliance',
      userType: 'APP_REPORT_VIEWER',
      users: 1,
      enrolled: 0,
      pinOnly: 0,
      byStatus: status({ NOT_REQUIRED: 1 }),
    },
  ],
  accountOverview: {
    __typename: 'AccountOverview',
    usersInGracePeriod: [
      {
        __typename: 'User',
        id: 'user-zoe',
        displayName: 'Zoe Soon',
        userType: 'APP_REVIEWER',
        enrollmentDeadline: '2030-03-02T09:00:00.000Z',
      },
      {
        __typename: 'User',
        id: 'user-lars',
        displayName: 'Lars Later',
        userType: 'APP_REVIEWER',
        enrollmentDeadline: '2030-03-09T09:00:00.000Z',
      },
    ],
    recentSecurityEvents: [
      {
        __typename: 'AuditEvent',
        id: 'event-1',
        action: 'two_factor.reset',
        actorUserId: 'user-1',
        actorName: 'Ada Admin',
        targetType: 'User',
        targetId: 'user-rita',
        targetName: 'Rita Reviewer',
        ip: null,
        details: { reason: 'lost phone' },
        createdAt: '2030-02-27T10:00:00.000Z',
      },
      {
        __typename: 'AuditEvent',
        id: 'event-2',
        action: 'user.suspended',
        actorUserId: 'user-1',
        actorName: 'Ada Admin',
        targetType: 'User',
        targetId: 'user-sam',
        targetName: 'Sam Sms',
        ip: null,
        details: null,
        createdAt: '2030-02-26T10:00:00.000Z',
      },
    ],
  },
  lockedUsers: {
    __typename: 'UserConnection',
    totalCount: 1,
    nodes: [
      { __typename: 'User', id: 'user-lena', displayName: 'Lena Locked', userType: 'APP_REVIEWER' },
    ],
  },
  invitedUsers: {
    __typename: 'UserConnection',
    totalCount: 3,
    nodes: [
      {
        __typename: 'User',
        id: 'user-ivo',
        displayName: 'Ivo Invited',
        email: 'ivo@acme.test',
        status: 'INVITED',
        invitedAt: new Date(Date.now() - 1000).toISOString(),
        invitation: {
          __typename: 'Invitation',
          sentAt: new Date(Date.now() - 1000).toISOString(),
          expiresAt: new Date(Date.now() + 72 * 3_600_000 - 1000).toISOString(),
        },
      },
    ],
  },
};

const overviewMock = mockOf(OverviewDocument, {
  result: { data: overview },
  maxUsageCount: 10,
});

function ownTwoFactor(twoFactorStatus: TwoFactorStatus): MockLink.MockedResponse {
  return mockOf(OwnTwoFactorDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-1',
          twoFactorStatus,
          twoFactorMethods: twoFactorStatus === 'ENROLLED' ? ['AUTHENTICATOR_APP'] : [],
        },
      },
    },
    maxUsageCount: 10,
  });
}

const appsMock = mockOf(AppListDocument, {
  result: {
    data: {
      apps: [
        { __typename: 'App', id: 'app-1', name: 'Field Notes', platform: 'IOS' },
        { __typename: 'App', id: 'app-2', name: 'Shop Web', platform: 'WEB' },
      ],
    },
  },
  maxUsageCount: 10,
});

function session(userType: UserType) {
  return sessionMock(
    makeSession('ACTIVE', {
      user: {
        __typename: 'User',
        id: 'user-1',
        displayName: 'Ada Admin',
        userType,
        account: { __typename: 'Account', name: 'Acme' },
      },
    }),
  );
}

/** The users table as a filter link opens it: it asks for the filter of the link's URL. */
function usersPageMocks(sent: UsersQueryVariables[]): MockLink.MockedResponse[] {
  const zoe: UserRowFragment = {
    __typename: 'User',
    id: 'user-zoe',
    displayName: 'Zoe Soon',
    email: 'zoe@acme.test',
    userType: 'APP_REVIEWER',
    isOwner: false,
    status: 'ACTIVE',
    lastSignInAt: null,
    apps: [],
    requireTwoFactor: true,
    twoFactorStatus: 'GRACE',
    twoFactorMethods: [],
    invitedAt: null,
    invitation: null,
  };
  return [
    mockOf(UsersViewerDocument, {
      result: {
        data: {
          viewer: {
            __typename: 'User',
            id: 'user-1',
            email: 'ada@acme.test',
            displayName: 'Ada Admin',
            userType: 'ADMINISTRATOR',
            isOwner: true,
            twoFactorMethods: ['AUTHENTICATOR_APP'],
          },
        },
      },
      maxUsageCount: 10,
    }),
    mockOf(UsersDocument, {
      variables: () => true,
      result: (variables: UsersQueryVariables) => {
        sent.push(variables);
        return {
          data: {
            users: {
              __typename: 'UserConnection' as const,
              nodes: [zoe],
              totalCount: 1,
              totalCountIsLowerBound: false,
              pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
            },
          },
        };
      },
      maxUsageCount: 100,
    }),
  ];
}

function renderHome(mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter(
    [
      { path: paths.home, element: <HomePage /> },
      { path: paths.users, element: <UsersPage /> },
    ],
    { initialEntries: [paths.home] },
  );
  renderWithProviders(<RouterProvider router={router} />, mocks);
  return router;
}

const linkTo = (name: string | RegExp) => screen.getByRole('link', { name });

describe('the overview', () => {
  it('shows an administrator the account’s dashboard, each figure linking to its users', async () => {
    renderHome([
      session('ADMINISTRATOR'),
      viewerAs('ADMINISTRATOR', true),
      ownTwoFactor('ENROLLED'),
      overviewMock,
    ]);

    expect(await screen.findByRole('heading', { name: 'Two-factor coverage' })).toBeVisible();
    // the headline per type: the share with a true second factor, PIN-only left out
    const reviewers = within(screen.getByRole('region', { name: 'App reviewers' }));
    expect(reviewers.getByText('25%')).toBeVisible();
    expect(reviewers.getByRole('link', { name: '2 of 8' })).toHaveAttribute(
      'href',
      '/users?type=APP_REVIEWER&status=ENROLLED',
    );
    expect(reviewers.getByRole('link', { name: '2 App reviewers: Grace period' })).toHaveAttribute(
      'href',
      '/users?type=APP_REVIEWER&status=GRACE',
    );
    expect(
      reviewers.getByRole('link', { name: '1 App reviewers: Sets up at first sign-in' }),
    ).toHaveAttribute('href', '/users?type=APP_REVIEWER&status=AWAITING_FIRST_SIGN_IN');
    expect(reviewers.getByText(/set up at first sign-in/)).toBeVisible();
    expect(reviewers.getByRole('link', { name: '1 App reviewers: Locked' })).toHaveAttribute(
      'href',
      '/users?type=APP_REVIEWER&status=LOCKED',
    );
    expect(reviewers.getByText(/with a PIN code only/)).toBeVisible();
    expect(
      within(screen.getByRole('region', { name: 'Administrators' })).getByText('100%'),
    ).toBeVisible();
    expect(
      within(screen.getByRole('region', { name: 'App administrators' })).getByText(
        'No users of this type yet.',
      ),
    ).toBeVisible();

    // users in a grace period, soonest first, then locked users and pending invitations
    const grace = within(screen.getByRole('region', { name: 'In a grace period' }));
    const names = grace.getAllByText(/Zoe Soon|Lars Later/).map((n) => n.textContent);
    expect(names).toEqual(['Zoe Soon', 'Lars Later']);
    expect(grace.getByRole('link', { name: 'See all 2 users in a grace period' })).toHaveAttribute(
      'href',
      '/users?status=GRACE',
    );
    const locked = within(screen.getByRole('region', { name: 'Locked' }));
    expect(locked.getByText('Lena Locked')).toBeVisible();
    expect(locked.getByRole('link', { name: 'See all 1 locked user' })).toHaveAttribute(
      'href',
      '/users?status=LOCKED',
    );
    const invited = within(screen.getByRole('region', { name: 'Pending invitations' }));
    expect(invited.getByText('ivo@acme.test')).toBeVisible();
    // worded as the users table words it
    expect(invited.getByText('Invitation expires in 3 days')).toBeVisible();
    expect(invited.getByRole('link', { name: 'See all 3 pending invitations' })).toHaveAttribute(
      'href',
      '/users?userStatus=INVITED',
    );

    // recent security events in the audit log's words, each leading to its kind in the log
    expect(
      linkTo(
        'Ada Admin reset the two-factor authentication of Rita Reviewer — reason: “lost phone”',
      ),
    ).toHaveAttribute('href', '/audit?action=two_factor.reset');
    expect(linkTo('Ada Admin suspended Sam Sms')).toHaveAttribute(
      'href',
      '/audit?action=user.suspended',
    );
    expect(linkTo('Open the audit log')).toHaveAttribute('href', '/audit');

    // enrolled: nothing to nudge
    expect(screen.queryByRole('link', { name: 'Set up two-factor authentication' })).toBeNull();
  });

  it.each([
    ['See all 2 users in a grace period', { twoFactorStatus: 'GRACE' }, '2FA status', 'GRACE'],
    ['See all 3 pending invitations', { status: 'INVITED' }, 'Account status', 'INVITED'],
  ] as const)(
    'opens the users table filtered by the link “%s”',
    async (name, filter, label, value) => {
      const sent: UsersQueryVariables[] = [];
      const router = renderHome([
        session('ADMINISTRATOR'),
        viewerAs('ADMINISTRATOR', true),
        ownTwoFactor('ENROLLED'),
        overviewMock,
        ...usersPageMocks(sent),
      ]);

      fireEvent.click(await screen.findByRole('link', { name }));

      expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
      expect(router.state.location.pathname).toBe('/users');
      expect(screen.getByLabelText(label)).toHaveValue(value);
      await waitFor(() => expect(sent.at(-1)?.filter).toEqual(filter));
    },
  );

  it('asks a reviewer whose 2FA is optional and off to set it up, beside their apps', async () => {
    renderHome([
      session('APP_REVIEWER'),
      viewerAs('APP_REVIEWER'),
      ownTwoFactor('OPTIONAL_OFF'),
      appsMock,
    ]);

    const setUp = await screen.findByRole('link', { name: 'Set up two-factor authentication' });
    expect(setUp).toHaveAttribute('href', '/two-factor/setup');
    expect(
      screen.getByRole('region', { name: 'Protect your sign-in with two-factor authentication' }),
    ).toHaveTextContent(/optional for you, and off/);
    expect(await screen.findByRole('link', { name: 'Field Notes' })).toHaveAttribute(
      'href',
      '/apps/app-1',
    );
    const own = within(screen.getByRole('region', { name: 'Your two-factor authentication' }));
    expect(own.getByText('Optional, off')).toBeVisible();
    expect(own.getByText('No method is set up.')).toBeVisible();
    // no account dashboard for a reviewer
    expect(screen.queryByRole('heading', { name: 'Two-factor coverage' })).toBeNull();
  });

  it('asks an administrator too when their own 2FA is optional and off', async () => {
    renderHome([
      session('ADMINISTRATOR'),
      viewerAs('ADMINISTRATOR'),
      ownTwoFactor('OPTIONAL_OFF'),
      overviewMock,
    ]);

    expect(
      await screen.findByRole('link', { name: 'Set up two-factor authentication' }),
    ).toHaveAttribute('href', '/two-factor/setup');
    expect(await screen.findByRole('heading', { name: 'Two-factor coverage' })).toBeVisible();
  });

  it.each(['ENROLLED', 'GRACE', 'OVERDUE', 'NOT_REQUIRED'] as const)(
    'does not nudge a reviewer whose 2FA is %s',
    async (twoFactorStatus) => {
      renderHome([
        session('APP_REVIEWER'),
        viewerAs('APP_REVIEWER'),
        ownTwoFactor(twoFactorStatus),
        appsMock,
      ]);

      const own = within(
        await screen.findByRole('region', { name: 'Your two-factor authentication' }),
      );
      expect(own.getByRole('link', { name: 'Manage your methods and sessions' })).toBeVisible();
      expect(await screen.findByRole('link', { name: 'Field Notes' })).toBeVisible();
      expect(screen.queryByRole('link', { name: 'Set up two-factor authentication' })).toBeNull();
    },
  );
});

describe('the overview’s recent events', () => {
  const wrongCode = (id: string, createdAt: string) => ({
    ...overview.accountOverview.recentSecurityEvents[1]!,
    id,
    action: 'auth.second_factor_failed',
    actorName: 'Lou Locked',
    targetName: 'Lou Locked',
    createdAt,
  });

  it('tells events in a row that read the same once, with their number and the newest time', () => {
    const lines = eventLines([
      wrongCode('e3', '2030-02-27T10:03:00.000Z'),
      wrongCode('e2', '2030-02-27T10:02:00.000Z'),
      wrongCode('e1', '2030-02-27T10:01:00.000Z'),
      overview.accountOverview.recentSecurityEvents[0]!,
      wrongCode('e0', '2030-02-27T09:00:00.000Z'),
    ]);
    expect(lines.map(({ sentence, times, event }) => [sentence, times, event.id])).toEqual([
      ['Lou Locked entered a wrong second-factor code', 3, 'e3'],
      [
        'Ada Admin reset the two-factor authentication of Rita Reviewer — reason: “lost phone”',
        1,
        'event-1',
      ],
      // not in a row with the others: its own line
      ['Lou Locked entered a wrong second-factor code', 1, 'e0'],
    ]);
  });

  it('shows a few lines at most', () => {
    const events = Array.from({ length: 10 }, (_, i) => ({
      ...overview.accountOverview.recentSecurityEvents[0]!,
      id: `e${i}`,
      targetName: `User ${i}`,
    }));
    expect(eventLines(events)).toHaveLength(5);
  });
});
