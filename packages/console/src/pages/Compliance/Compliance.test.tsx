import { fireEvent, screen, within } from '@testing-library/react';
import {
  type TwoFactorComplianceQuery,
  TwoFactorComplianceDocument,
  type TwoFactorStatus,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockOf } from '../../../test/mock';
import { renderWithProviders } from '../../../test/render';
import { paths } from '../../session/paths';
import { CompliancePage } from '.';

type Row = TwoFactorComplianceQuery['twoFactorCompliance'][number];

function row(
  userType: Row['userType'],
  pinOnly: number,
  counts: Partial<Record<TwoFactorStatus, number>>,
): Row {
  const byStatus = (
    [
      'NOT_REQUIRED',
      'OPTIONAL_OFF',
      'AWAITING_FIRST_SIGN_IN',
      'GRACE',
      'ENROLLED',
      'OVERDUE',
      'LOCKED',
    ] as const
  ).map((status) => ({
    __typename: 'TwoFactorStatusCount' as const,
    status,
    count: counts[status] ?? 0,
  }));
  return {
    __typename: 'TwoFactorCompliance',
    userType,
    users: byStatus.reduce((sum, entry) => sum + entry.count, 0),
    enrolled: counts.ENROLLED ?? 0,
    pinOnly,
    byStatus,
  };
}

const rows: Row[] = [
  row('ADMINISTRATOR', 0, { ENROLLED: 2 }),
  // 8 reviewers: 2 with a second factor, 1 with a PIN only, 2 in grace, 1 overdue, 1 locked, 1 off
  row('APP_REVIEWER', 1, { ENROLLED: 3, GRACE: 2, OVERDUE: 1, LOCKED: 1, OPTIONAL_OFF: 1 }),
  // 4 administrators of apps: 3 never signed in, who set up at their first sign-in
  row('APP_ADMINISTRATOR', 0, { AWAITING_FIRST_SIGN_IN: 3, ENROLLED: 1 }),
  row('APP_REPORT_VIEWER', 0, { NOT_REQUIRED: 3 }),
];

function renderCompliance() {
  const router = createMemoryRouter(
    [
      { path: paths.compliance, element: <CompliancePage /> },
      { path: paths.users, element: <h1>Users</h1> },
    ],
    { initialEntries: [paths.compliance] },
  );
  renderWithProviders(<RouterProvider router={router} />, [
    mockOf(TwoFactorComplianceDocument, {
      result: { data: { twoFactorCompliance: rows } },
      maxUsageCount: 10,
    }),
  ]);
  return router;
}

/** The cells of one user type's row, by column header. */
function cellsOf(userType: string): Record<string, string> {
  const table = screen.getByRole('table', { name: /Users of each type by two-factor status/ });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((th) => th.textContent ?? '');
  const cells = within(table)
    .getByRole('rowheader', { name: userType })
    .closest('tr')!
    .querySelectorAll('td');
  return Object.fromEntries([...cells].map((td, i) => [headers[i + 1]!, td.textContent ?? '']));
}

describe('the compliance page', () => {
  it('gives each count of a type its share of the type, PIN-only apart from true second factors', async () => {
    renderCompliance();

    expect(await screen.findByRole('heading', { level: 1, name: 'Compliance' })).toBeVisible();
    expect(cellsOf('App reviewers')).toEqual({
      Users: '8',
      Enrolled: '2 (25%)',
      'PIN code only': '1 (13%)',
      'Grace period': '2 (25%)',
      'Sets up at first sign-in': '0',
      Overdue: '1 (13%)',
      Locked: '1 (13%)',
      'Optional, off': '1 (13%)',
      'Not required': '0',
    });
    expect(cellsOf('App report viewers')).toMatchObject({
      Users: '3',
      'Not required': '3 (100%)',
      Enrolled: '0',
    });
    expect(cellsOf('App administrators')).toMatchObject({
      Users: '4',
      Enrolled: '1 (25%)',
      'Sets up at first sign-in': '3 (75%)',
    });
  });

  it('links each count to the users table filtered by type and status', async () => {
    const router = renderCompliance();

    const grace = await screen.findByRole('link', { name: '2 App reviewers: Grace period' });
    expect(grace).toHaveAttribute('href', '/users?type=APP_REVIEWER&status=GRACE');
    expect(screen.getByRole('link', { name: '2 App reviewers: Enrolled' })).toHaveAttribute(
      'href',
      '/users?type=APP_REVIEWER&status=ENROLLED',
    );
    expect(
      screen.getByRole('link', { name: '3 App report viewers: Not required' }),
    ).toHaveAttribute('href', '/users?type=APP_REPORT_VIEWER&status=NOT_REQUIRED');
    // PIN-only is a part of ENROLLED, not a status of its own: no link; zero counts neither
    expect(screen.queryByRole('link', { name: /PIN code only/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /^0 / })).toBeNull();

    fireEvent.click(grace);
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeVisible();
    expect(router.state.location.search).toBe('?type=APP_REVIEWER&status=GRACE');
  });

  it('reads its columns in one order: done, waiting, late, blocked, not asked', async () => {
    renderCompliance();

    await screen.findByRole('heading', { level: 1, name: 'Compliance' });
    const headers = within(screen.getByRole('table'))
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual([
      'User type',
      'Users',
      'Enrolled',
      'PIN code only',
      'Grace period',
      'Sets up at first sign-in',
      'Overdue',
      'Locked',
      'Optional, off',
      'Not required',
    ]);
  });
});
