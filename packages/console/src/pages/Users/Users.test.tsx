import type { MockLink } from '@apollo/client/testing';
import { notifications } from '@mantine/notifications';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  CreateUserDocument,
  ResendInvitationDocument,
  ResetTwoFactorDocument,
  RevokeInvitationDocument,
  type TwoFactorMethod,
  UserAppChoicesDocument,
  type UserRowFragment,
  type UsersQueryVariables,
  UsersDocument,
  UsersViewerDocument,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { renderApp, sessionMock } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { makeSession } from '../../../test/sessions';
import { UsersPage } from '.';
import { InvitationActions } from './components/InvitationActions';
import { mockOf } from '../../../test/mock';

function viewerMock(twoFactorMethods: TwoFactorMethod[] = ['AUTHENTICATOR_APP']) {
  return mockOf(UsersViewerDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-ada',
          email: 'ada@acme.test',
          displayName: 'Ada Admin',
          userType: 'ADMINISTRATOR',
          isOwner: false,
          twoFactorMethods,
        },
      },
    },
    maxUsageCount: 20,
  });
}

function user(overrides: Partial<UserRowFragment> & { id: string; displayName: string }) {
  return {
    __typename: 'User',
    email: `${overrides.displayName.split(' ')[0]!.toLowerCase()}@acme.test`,
    userType: 'APP_REVIEWER',
    isOwner: false,
    status: 'ACTIVE',
    lastSignInAt: '2026-11-30T10:00:00.000Z',
    apps: [],
    requireTwoFactor: false,
    twoFactorStatus: 'NOT_REQUIRED',
    twoFactorMethods: [],
    invitedAt: null,
    invitation: null,
    ...overrides,
  } satisfies UserRowFragment;
}

const hour = 3_600_000;
/** An ISO time `offsetMs` from now: the table words an invitation's expiry from the clock. */
const fromNow = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
/** A pending invitation sent `ageMs` ago, valid 72 hours from then. */
function invitation(ageMs: number) {
  return {
    invitedAt: fromNow(-ageMs),
    invitation: {
      __typename: 'Invitation' as const,
      sentAt: fromNow(-ageMs),
      expiresAt: fromNow(72 * hour - ageMs),
    },
  };
}

const ada = user({
  id: 'user-ada',
  displayName: 'Ada Admin',
  userType: 'ADMINISTRATOR',
  twoFactorStatus: 'ENROLLED',
  twoFactorMethods: ['AUTHENTICATOR_APP'],
});
const olivia = user({
  id: 'user-olivia',
  displayName: 'Olivia Owner',
  userType: 'ADMINISTRATOR',
  isOwner: true,
  twoFactorStatus: 'ENROLLED',
  twoFactorMethods: ['AUTHENTICATOR_APP'],
});
const pat = user({
  id: 'user-pat',
  displayName: 'Pat Pin',
  userType: 'APP_REPORT_VIEWER',
  status: 'SUSPENDED',
  twoFactorStatus: 'ENROLLED',
  twoFactorMethods: ['PIN'],
  apps: [{ __typename: 'App', id: 'app-1', name: 'Shop iOS' }],
});
const rita = user({
  id: 'user-rita',
  displayName: 'Rita Reviewer',
  status: 'INVITED',
  lastSignInAt: null,
  requireTwoFactor: true,
  twoFactorStatus: 'AWAITING_FIRST_SIGN_IN',
  ...invitation(hour),
  apps: [
    { __typename: 'App', id: 'app-1', name: 'Shop iOS' },
    { __typename: 'App', id: 'app-2', name: 'Shop Web' },
  ],
});
const sam = user({
  id: 'user-sam',
  displayName: 'Sam Sms',
  userType: 'APP_ADMINISTRATOR',
  twoFactorStatus: 'LOCKED',
  twoFactorMethods: ['SMS'],
});

function page(
  nodes: UserRowFragment[],
  totalCount = nodes.length,
  endCursor: string | null = null,
  totalCountIsLowerBound = false,
) {
  return {
    data: {
      users: {
        __typename: 'UserConnection',
        nodes,
        totalCount,
        totalCountIsLowerBound,
        pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor },
      },
    },
  };
}

/** Answers every users query with `nodes` and records the variables each one was sent with. */
function usersMock(nodes: UserRowFragment[], sent: UsersQueryVariables[] = []) {
  return mockOf(UsersDocument, {
    variables: () => true,
    result: (variables: UsersQueryVariables) => {
      sent.push(variables);
      return page(nodes, 12, 'cursor-2');
    },
    // Apollo may ask again for a page still on screen (cache-and-network re-reads it while the
    // mocked rows settle in the cache): enough answers that a later request is never starved
    maxUsageCount: 10_000,
  });
}

const appsMock = mockOf(UserAppChoicesDocument, {
  result: {
    data: {
      apps: [
        { __typename: 'App', id: 'app-1', name: 'Shop iOS' },
        { __typename: 'App', id: 'app-2', name: 'Shop Web' },
      ],
    },
  },
  maxUsageCount: 10,
});

function renderUsers(path: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter([{ path: '/users', element: <UsersPage /> }], {
    initialEntries: [path],
  });
  renderWithProviders(<RouterProvider router={router} />, mocks);
  return { router };
}

async function rowOf(name: string) {
  return within(await screen.findByRole('row', { name: new RegExp(name) }));
}

/** Renders as a phone would: the layout's media query matches. */
function onAPhone() {
  const real = window.matchMedia;
  const phone = jest.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({
    ...real(query),
    matches: query.includes('max-width'),
  }));
  return () => phone.mockRestore();
}

describe('the users list on a phone', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = onAPhone();
  });
  afterEach(() => restore());

  async function cardOf(name: string) {
    const heading = await screen.findByRole('heading', { level: 2, name });
    return within(heading.closest('li')!);
  }

  it('shows one card per user in a list named like the table, not a table', async () => {
    renderUsers('/users', [viewerMock(), usersMock([ada, olivia, pat, rita, sam])]);

    const list = await screen.findByRole('list', { name: '12 users' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(screen.queryByRole('table')).toBeNull();

    const ritaCard = await cardOf('Rita Reviewer');
    expect(ritaCard.getByText('rita@acme.test')).toBeVisible();
    expect(ritaCard.getByText('App reviewer')).toBeVisible();
    expect(ritaCard.getByText('Sets up at first sign-in')).toBeVisible();
    expect(ritaCard.getByText('Invited')).toBeVisible();
    expect(ritaCard.getByText('Invitation expires in 3 days')).toBeVisible();
    expect(ritaCard.getByText('2FA required for this user')).toBeVisible();
    expect(ritaCard.getByText('Shop iOS, Shop Web')).toBeVisible();
    expect(ritaCard.getByText('Never')).toBeVisible();
    expect(ritaCard.getByRole('link', { name: 'Rita Reviewer' })).toHaveAttribute(
      'href',
      '/users/user-rita',
    );
    expect(ritaCard.getAllByRole('term').map((term) => term.textContent)).toEqual([
      'Apps',
      'Methods',
      'Account',
      'Last sign-in',
    ]);

    const oliviaCard = await cardOf('Olivia Owner');
    expect(oliviaCard.getByText('Owner')).toBeVisible();
    expect(oliviaCard.getByText('All apps')).toBeVisible();
    expect(oliviaCard.getByText('Only an owner changes an owner')).toBeVisible();
    expect((await cardOf('Ada Admin')).getByRole('link', { name: 'your profile' })).toBeVisible();
  });

  it('keeps each user’s actions in the card, named and described by the user', async () => {
    renderUsers('/users', [viewerMock(), usersMock([pat, sam]), appsMock]);

    const patCard = await cardOf('Pat Pin');
    const reset = patCard.getByRole('button', { name: 'Reset authenticator' });
    expect(reset).toHaveAccessibleDescription('Pat Pin');
    const more = patCard.getByRole('button', { name: 'More actions' });
    expect(more).toHaveAccessibleDescription('Pat Pin');

    fireEvent.click(more);
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    expect(await screen.findByRole('dialog', { name: /Pat Pin/ })).toBeVisible();
  });
});

describe('the users table', () => {
  it('shows each user’s type, apps, 2FA status, methods, last sign-in and account status', async () => {
    renderUsers('/users', [viewerMock(), usersMock([ada, olivia, pat, rita, sam])]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    expect(await screen.findByRole('table', { name: '12 users' })).toBeVisible();
    expect(screen.getByText('12 users', { selector: 'p' })).toBeVisible();

    const ritaRow = await rowOf('Rita Reviewer');
    expect(ritaRow.getByText('rita@acme.test')).toBeVisible();
    expect(ritaRow.getByText('App reviewer')).toBeVisible();
    expect(ritaRow.getByText('Shop iOS, Shop Web')).toBeVisible();
    // invited and never signed in: not overdue, whatever the deadline fixed at the invitation
    expect(ritaRow.getByText('Sets up at first sign-in')).toBeVisible();
    expect(ritaRow.getByText('Required for this user')).toBeVisible();
    expect(ritaRow.getByText('Never')).toBeVisible();
    expect(ritaRow.getByText('Invited')).toBeVisible();
    expect(ritaRow.getByText('Invitation expires in 3 days')).toBeVisible();

    const patRow = await rowOf('Pat Pin');
    expect(patRow.getByText('PIN code (additional verification)')).toBeVisible();
    expect(patRow.getByText('Enrolled')).toBeVisible();
    expect(patRow.getByText('Suspended')).toBeVisible();
    expect(patRow.queryByText('Never')).toBeNull();
    expect(patRow.queryByText(/Invitation|invited/)).toBeNull();

    expect((await rowOf('Sam Sms')).getByText('Locked')).toBeVisible();
    // each name opens that user's page
    expect(ritaRow.getByRole('link', { name: 'Rita Reviewer' })).toHaveAttribute(
      'href',
      '/users/user-rita',
    );
    expect((await rowOf('Olivia Owner')).getByText('Owner')).toBeVisible();
  });

  it('says “10,000+ users” when the server stopped counting at its bound', async () => {
    renderUsers('/users', [
      viewerMock(),
      mockOf(UsersDocument, {
        variables: () => true,
        result: () => page([ada, pat], 10_000, 'cursor-2', true),
        maxUsageCount: 10_000,
      }),
    ]);
    expect(await screen.findByRole('table', { name: '10,000+ users' })).toBeVisible();
    expect(screen.getByText('10,000+ users', { selector: 'p' })).toBeVisible();
  });

  it('says administrators and owners work on all apps, others on theirs or none', async () => {
    const assigned = {
      ...ada,
      apps: [{ __typename: 'App' as const, id: 'app-1', name: 'Shop iOS' }],
    };
    renderUsers('/users', [viewerMock(), usersMock([assigned, olivia, pat, sam])]);

    expect((await rowOf('Ada Admin')).getByText('All apps')).toBeVisible();
    expect((await rowOf('Ada Admin')).queryByText('Shop iOS')).toBeNull();
    expect((await rowOf('Olivia Owner')).getByText('All apps')).toBeVisible();
    expect((await rowOf('Pat Pin')).getByText('Shop iOS')).toBeVisible();
    expect((await rowOf('Sam Sms')).getByText('None')).toBeVisible();
    expect(screen.getAllByText('All apps')).toHaveLength(2);
  });

  it('downloads the users the filters leave, every page of them, as CSV', async () => {
    renderUsers('/users?type=APP_REVIEWER&status=GRACE&q=%20rit%20&after=cursor-2', [
      viewerMock(),
      usersMock([rita]),
    ]);
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    expect(link).toHaveAttribute('download');
    const href = new URL(link.getAttribute('href')!, 'http://console.test');
    expect(href.pathname).toBe('/export/users.csv');
    // the API's filter names; the page's cursor is no filter
    expect(Object.fromEntries(href.searchParams)).toEqual({
      userType: 'APP_REVIEWER',
      twoFactorStatus: 'GRACE',
      search: 'rit',
    });
  });

  it('downloads every user when nothing narrows the table', async () => {
    renderUsers('/users', [viewerMock(), usersMock([ada, rita])]);
    expect(await screen.findByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/export/users.csv',
    );
  });

  it('offers no action on the viewer’s own row, nor on the owner to an administrator', async () => {
    renderUsers('/users', [viewerMock(), usersMock([ada, olivia, pat, rita])]);

    const own = await rowOf('Ada Admin');
    expect(own.queryByRole('button', { name: 'Reset authenticator' })).toBeNull();
    expect(own.queryByRole('button', { name: 'More actions' })).toBeNull();
    expect(own.getByRole('link', { name: 'your profile' })).toBeVisible();

    const owner = await rowOf('Olivia Owner');
    expect(owner.queryByRole('button', { name: 'Reset authenticator' })).toBeNull();
    expect(owner.getByText('Only an owner changes an owner')).toBeVisible();

    expect(
      (await rowOf('Pat Pin')).getByRole('button', { name: 'Reset authenticator' }),
    ).toBeEnabled();
    // nothing to reset: no factor, no lockout
    const off = (await rowOf('Rita Reviewer')).getByRole('button', { name: 'Reset authenticator' });
    expect(off).toHaveAttribute('aria-disabled', 'true');
    // still focusable, and its tooltip says why to a keyboard
    off.focus();
    expect(off).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('No second factor to reset');
    fireEvent.click(off);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('reads its filters from the URL', async () => {
    const sent: UsersQueryVariables[] = [];
    renderUsers('/users?type=APP_REVIEWER&status=GRACE&q=rit', [
      viewerMock(),
      usersMock([rita], sent),
    ]);

    expect(await screen.findByRole('row', { name: /Rita Reviewer/ })).toBeVisible();
    expect(screen.getByLabelText('User type')).toHaveValue('APP_REVIEWER');
    expect(screen.getByLabelText('2FA status')).toHaveValue('GRACE');
    expect(screen.getByLabelText('Search')).toHaveValue('rit');
    expect(sent).toEqual([
      { filter: { userType: 'APP_REVIEWER', twoFactorStatus: 'GRACE', search: 'rit' }, first: 50 },
    ]);
    expect(screen.getByRole('table', { name: /App reviewer, 2FA grace period/ })).toBeVisible();
  });

  it('opens filtered from a link such as the compliance page’s, behind the console’s gate', async () => {
    const sent: UsersQueryVariables[] = [];
    const { router } = renderApp('/users?type=APP_REVIEWER&status=GRACE', [
      sessionMock(makeSession('ACTIVE')),
      viewerMock(),
      usersMock([rita], sent),
    ]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    expect(await screen.findByRole('row', { name: /Rita Reviewer/ })).toBeVisible();
    expect(router.state.location.pathname).toBe('/users');
    expect(sent[0]).toEqual({
      filter: { userType: 'APP_REVIEWER', twoFactorStatus: 'GRACE' },
      first: 50,
    });
  });

  it('writes its filters and page to the URL, back on the first page at every new filter', async () => {
    const sent: UsersQueryVariables[] = [];
    const { router } = renderUsers('/users?after=cursor-1', [
      viewerMock(),
      usersMock([pat, rita], sent),
    ]);
    await screen.findByRole('row', { name: /Pat Pin/ });
    expect(sent.at(-1)).toEqual({ filter: {}, first: 50, after: 'cursor-1' });

    fireEvent.change(screen.getByLabelText('2FA status'), { target: { value: 'ENROLLED' } });
    expect(router.state.location.search).toBe('?status=ENROLLED');

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'pat' } });
    await waitFor(() => expect(router.state.location.search).toBe('?status=ENROLLED&q=pat'));
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({
        filter: { twoFactorStatus: 'ENROLLED', search: 'pat' },
        first: 50,
      }),
    );

    // the page shows the new filter before its next page is asked for
    expect(
      await screen.findByRole('table', { name: '12 users — 2FA enrolled, matching “pat”' }),
    ).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(router.state.location.search).toBe('?status=ENROLLED&q=pat&after=cursor-2');
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({
        filter: { twoFactorStatus: 'ENROLLED', search: 'pat' },
        first: 50,
        after: 'cursor-2',
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'First page' }));
    expect(router.state.location.search).toBe('?status=ENROLLED&q=pat');
    await waitFor(() => expect(screen.getByRole('button', { name: 'First page' })).toBeDisabled());
    await waitFor(() => expect(screen.queryByLabelText('Loading users')).toBeNull());
  });
});

describe('inviting a user', () => {
  beforeAll(() => {
    // jsdom lays nothing out; Mantine scrolls the option the arrow keys reach into view
    Element.prototype.scrollIntoView = () => undefined;
  });

  async function openInvite() {
    fireEvent.click(await screen.findByRole('button', { name: 'Invite user' }));
    return within(await screen.findByRole('dialog', { name: 'Invite user' }));
  }

  it('refuses a bad email on the field and sends nothing', async () => {
    const create = jest.fn(() => ({ data: { createUser: rita } }));
    renderUsers('/users', [
      viewerMock(),
      usersMock([ada]),
      appsMock,
      mockOf(CreateUserDocument, { variables: () => true, result: create }),
    ]);
    const dialog = await openInvite();

    fireEvent.change(await dialog.findByLabelText(/^Email/), { target: { value: 'not-an-email' } });
    fireEvent.change(dialog.getByLabelText(/^Display name/), { target: { value: 'Rita' } });
    fireEvent.change(dialog.getByLabelText(/^User type/), { target: { value: 'APP_REVIEWER' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Send invitation' }));

    expect(await dialog.findByText('Enter a valid email address')).toBeVisible();
    expect(dialog.getByLabelText(/^Email/)).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
  });

  it('sends the chosen type, apps and 2FA requirement, then closes', async () => {
    const sent: UsersQueryVariables[] = [];
    renderUsers('/users', [
      viewerMock(),
      usersMock([ada], sent),
      appsMock,
      mockOf(CreateUserDocument, {
        variables: {
          input: {
            email: 'rita@acme.test',
            displayName: 'Rita Reviewer',
            userType: 'APP_REVIEWER',
            appIds: ['app-2'],
            requireTwoFactor: true,
            sendInvitation: true,
          },
        },
        result: { data: { createUser: rita } },
      }),
    ]);
    const dialog = await openInvite();

    fireEvent.change(await dialog.findByLabelText(/^Email/), {
      target: { value: ' Rita@Acme.test ' },
    });
    fireEvent.change(dialog.getByLabelText(/^Display name/), {
      target: { value: 'Rita Reviewer' },
    });
    fireEvent.change(dialog.getByLabelText(/^User type/), { target: { value: 'APP_REVIEWER' } });
    // by keyboard: type to narrow the apps, arrow to the match, Enter to pick it
    const apps = dialog.getByRole('combobox', { name: 'Apps' });
    act(() => apps.focus());
    fireEvent.change(apps, { target: { value: 'Web' } });
    fireEvent.keyDown(apps, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(apps, { key: 'Enter', code: 'Enter' });
    expect(await dialog.findByText('Shop Web')).toBeVisible();
    fireEvent.click(dialog.getByLabelText('Enable two-factor authentication for this user'));
    expect(dialog.getByLabelText('Send invitation')).toBeChecked();
    const queriesBefore = sent.length;
    fireEvent.click(dialog.getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // the table was asked again, so the new user shows
    expect(sent.length).toBeGreaterThan(queriesBefore);
  });

  it('shows the server’s refusal of a field on that field and stays open', async () => {
    renderUsers('/users', [
      viewerMock(),
      usersMock([ada]),
      appsMock,
      mockOf(CreateUserDocument, {
        variables: () => true,
        result: {
          errors: [
            {
              message: 'input.displayName: Already used by another user',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'input.displayName', message: 'Already used by another user' }],
              },
            },
          ],
        },
      }),
    ]);
    const dialog = await openInvite();

    fireEvent.change(await dialog.findByLabelText(/^Email/), {
      target: { value: 'rita@acme.test' },
    });
    fireEvent.change(dialog.getByLabelText(/^Display name/), { target: { value: 'Rita' } });
    fireEvent.change(dialog.getByLabelText(/^User type/), { target: { value: 'APP_REVIEWER' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Send invitation' }));

    expect(await dialog.findByText('Already used by another user')).toBeVisible();
    expect(dialog.getByLabelText(/^Display name/)).toHaveAttribute('aria-invalid', 'true');
    expect(dialog.getByLabelText(/^Email/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Invite user' })).toBeVisible();
  });
});

describe('resetting a user’s authenticator', () => {
  async function openReset(name: string) {
    const row = await rowOf(name);
    fireEvent.click(row.getByRole('button', { name: 'Reset authenticator' }));
    return within(await screen.findByRole('dialog', { name: `Reset authenticator of ${name}` }));
  }

  it('says what happens, needs a reason and the admin’s code, and sends both', async () => {
    const reset = jest.fn(() => ({ data: { resetTwoFactor: { ...pat, twoFactorMethods: [] } } }));
    renderUsers('/users', [
      viewerMock(['AUTHENTICATOR_APP']),
      usersMock([pat]),
      mockOf(ResetTwoFactorDocument, {
        variables: { userId: 'user-pat', reason: 'Lost phone', code: '123456' },
        result: reset,
      }),
    ]);
    const dialog = await openReset('Pat Pin');
    expect(dialog.getByText(/sign them out of every session/)).toBeVisible();
    expect(
      dialog.getByText(/PIN code \(additional verification\)\) and backup codes/),
    ).toBeVisible();
    expect(dialog.getByText(/email them/)).toBeVisible();

    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));
    expect(await dialog.findByText('Give a reason')).toBeVisible();
    expect(dialog.getByText('Enter a current code of your own second factor')).toBeVisible();
    expect(reset).not.toHaveBeenCalled();

    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: ' Lost phone ' } });
    fireEvent.change(dialog.getByLabelText(/^Your authenticator code/), {
      target: { value: '123456' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('asks an admin without a second factor for no code', async () => {
    const reset = jest.fn(() => ({ data: { resetTwoFactor: { ...pat, twoFactorMethods: [] } } }));
    renderUsers('/users', [
      viewerMock([]),
      usersMock([pat]),
      mockOf(ResetTwoFactorDocument, {
        variables: { userId: 'user-pat', reason: 'Lost phone', code: null },
        result: reset,
      }),
    ]);
    const dialog = await openReset('Pat Pin');
    expect(dialog.queryByLabelText(/code/i)).toBeNull();

    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Lost phone' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('says a wrong code is wrong and stays open for another', async () => {
    renderUsers('/users', [
      viewerMock(['AUTHENTICATOR_APP', 'PIN']),
      usersMock([pat]),
      mockOf(ResetTwoFactorDocument, {
        variables: { userId: 'user-pat', reason: 'Lost phone', code: '000000' },
        result: {
          errors: [{ message: 'The code is not valid', extensions: { code: 'INVALID_CODE' } }],
        },
      }),
      mockOf(ResetTwoFactorDocument, {
        variables: { userId: 'user-pat', reason: 'Lost phone', code: '2580' },
        result: {
          errors: [
            {
              message: 'Too many attempts. Try again later.',
              extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 900 },
            },
          ],
        },
      }),
    ]);
    const dialog = await openReset('Pat Pin');

    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Lost phone' } });
    const code = dialog.getByLabelText(/^Your current code/);
    expect(code).toHaveAccessibleDescription(/your authenticator app or your PIN code/);
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));

    expect(
      await dialog.findByText('That code is not right. Check it and try again.'),
    ).toBeVisible();
    expect(screen.getByRole('dialog', { name: 'Reset authenticator of Pat Pin' })).toBeVisible();
    expect(code).toHaveValue('');
    expect(dialog.getByLabelText(/^Reason/)).toHaveValue('Lost phone');

    fireEvent.change(code, { target: { value: '2580' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 15 minutes.',
    );
  });
});

describe('managing invitations', () => {
  const ivy = user({
    id: 'user-ivy',
    displayName: 'Ivy Expired',
    status: 'INVITED',
    lastSignInAt: null,
    ...invitation(80 * hour),
  });
  const nora = user({
    id: 'user-nora',
    displayName: 'Nora Never',
    status: 'INVITED',
    lastSignInAt: null,
  });
  const rex = user({
    id: 'user-rex',
    displayName: 'Rex Revoked',
    status: 'INVITED',
    lastSignInAt: null,
    invitedAt: fromNow(-2 * hour),
  });

  // jsdom cannot run Mantine's notifications (their swipe needs a real AbortSignal): the notices
  // the hooks show are read where they are handed over
  let notices: jest.SpiedFunction<typeof notifications.show>;
  beforeEach(() => {
    notices = jest.spyOn(notifications, 'show').mockImplementation(() => 'notice');
  });
  afterEach(() => notices.mockRestore());

  async function menuOf(name: string) {
    fireEvent.click((await rowOf(name)).getByRole('button', { name: 'More actions' }));
    // jsdom never runs the menu's fade-in: its items are in the document, not yet "visible"
    const menu = within(await screen.findByRole('menu', { hidden: true }));
    return {
      items: () => menu.getAllByRole('menuitem', { hidden: true }),
      item: (name: string) => menu.getByRole('menuitem', { name, hidden: true }),
    };
  }

  it('tells each invited user’s invitation apart: pending, expired, revoked or never sent', async () => {
    renderUsers('/users', [viewerMock(), usersMock([ivy, nora, rex, rita, pat])]);
    expect((await rowOf('Rita Reviewer')).getByText('Invitation expires in 3 days')).toBeVisible();
    expect((await rowOf('Ivy Expired')).getByText('Invitation expired')).toBeVisible();
    expect((await rowOf('Rex Revoked')).getByText('Invitation revoked')).toBeVisible();
    expect((await rowOf('Nora Never')).getByText('Not invited yet')).toBeVisible();
  });

  it.each([
    ['Rita Reviewer', ['Resend invitation', 'Revoke invitation']],
    ['Ivy Expired', ['Resend invitation', 'Revoke invitation']],
    ['Rex Revoked', ['Resend invitation']],
    ['Nora Never', ['Send invitation']],
    ['Pat Pin', []],
    ['Sam Sms', []],
  ])('offers %s the invitation actions %j', async (name, expected) => {
    renderUsers('/users', [viewerMock(), usersMock([ivy, nora, rex, rita, pat, sam])]);
    const menu = await menuOf(name);
    const offered = menu
      .items()
      .map((item) => item.textContent ?? '')
      .filter((text) => /invitation/i.test(text));
    expect(offered).toEqual(expected);
  });

  it('resends an expired invitation, says so, and shows the new expiry without a reload', async () => {
    const sent: UsersQueryVariables[] = [];
    const resend = jest.fn(() => ({
      data: { resendInvitation: { ...ivy, ...invitation(0) } },
    }));
    renderUsers('/users', [
      viewerMock(),
      usersMock([ivy], sent),
      mockOf(ResendInvitationDocument, { variables: { userId: 'user-ivy' }, result: resend }),
    ]);
    fireEvent.click((await menuOf('Ivy Expired')).item('Resend invitation'));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Resend the invitation to Ivy Expired?' }),
    );
    expect(dialog.getByText(/single-use link to join, valid for 72 hours/)).toBeVisible();
    expect(dialog.getByText('The link sent before stops working at once.')).toBeVisible();
    const queriesBefore = sent.length;
    fireEvent.click(dialog.getByRole('button', { name: 'Resend invitation' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(resend).toHaveBeenCalledTimes(1);
    expect(notices).toHaveBeenCalledWith({
      color: 'green',
      title: 'Invitation sent again',
      message: expect.stringMatching(
        /^Ivy Expired was emailed a link to join, valid until .+\. The link sent before no longer works\.$/,
      ) as string,
    });
    // the answer is the row: it changes in place, without asking for the page again
    // the list renders from a deferred value: the new row follows a moment later
    expect(
      await (await rowOf('Ivy Expired')).findByText('Invitation expires in 3 days'),
    ).toBeVisible();
    expect(sent.length).toBe(queriesBefore);
  });

  it('sends a first invitation to a user created without one', async () => {
    const resend = jest.fn(() => ({
      data: { resendInvitation: { ...nora, ...invitation(0) } },
    }));
    renderUsers('/users', [
      viewerMock(),
      usersMock([nora]),
      mockOf(ResendInvitationDocument, { variables: { userId: 'user-nora' }, result: resend }),
    ]);
    fireEvent.click((await menuOf('Nora Never')).item('Send invitation'));
    const dialog = within(await screen.findByRole('dialog', { name: 'Invite Nora Never?' }));
    expect(dialog.queryByText(/stops working/)).toBeNull();
    fireEvent.click(dialog.getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(resend).toHaveBeenCalledTimes(1));
    await waitFor(() =>
      expect(notices).toHaveBeenCalledWith({
        color: 'green',
        title: 'Invitation sent',
        message: expect.stringMatching(
          /^Nora Never was emailed a link to join, valid until [^.]+\.$/,
        ) as string,
      }),
    );
    expect(
      await (await rowOf('Nora Never')).findByText('Invitation expires in 3 days'),
    ).toBeVisible();
  });

  it('revokes an invitation after saying what happens, and the row says it was revoked', async () => {
    const revoke = jest.fn(() => ({
      data: { revokeInvitation: { ...rita, invitation: null } },
    }));
    renderUsers('/users', [
      viewerMock(),
      usersMock([rita]),
      mockOf(RevokeInvitationDocument, { variables: { userId: 'user-rita' }, result: revoke }),
    ]);
    fireEvent.click((await menuOf('Rita Reviewer')).item('Revoke invitation'));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Revoke the invitation of Rita Reviewer?' }),
    );
    expect(dialog.getByText('The link sent to Rita Reviewer stops working at once.')).toBeVisible();
    expect(dialog.getByText('They are not emailed about it.')).toBeVisible();
    expect(dialog.getByText(/stay in the list as invited/)).toBeVisible();
    expect(revoke).not.toHaveBeenCalled();
    fireEvent.click(dialog.getByRole('button', { name: 'Revoke invitation' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(notices).toHaveBeenCalledWith({
      color: 'green',
      title: 'Invitation revoked',
      message:
        'The link sent to Rita Reviewer no longer works. They stay in the list as invited; you can send a new invitation at any time.',
    });
    expect(await (await rowOf('Rita Reviewer')).findByText('Invitation revoked')).toBeVisible();
  });

  it('offers the same actions as buttons for a page about one user', async () => {
    const revoke = jest.fn(() => ({
      data: { revokeInvitation: { ...rita, invitation: null } },
    }));
    renderWithProviders(<InvitationActions user={rita} />, [
      mockOf(RevokeInvitationDocument, { variables: { userId: 'user-rita' }, result: revoke }),
    ]);
    expect(screen.getByText('Invitation expires in 3 days')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Resend invitation' })).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation' }));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Revoke the invitation of Rita Reviewer?' }),
    );
    fireEvent.click(dialog.getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(revoke).toHaveBeenCalledTimes(1);
  });

  it('offers nothing for a user who is not invited', () => {
    renderWithProviders(<InvitationActions user={pat} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says why when the user accepted meanwhile, stays open and refreshes the list', async () => {
    const sent: UsersQueryVariables[] = [];
    renderUsers('/users', [
      viewerMock(),
      usersMock([rita], sent),
      mockOf(RevokeInvitationDocument, {
        variables: { userId: 'user-rita' },
        result: {
          errors: [
            {
              message: 'This user is not waiting for an invitation',
              extensions: { code: 'CONFLICT', reason: 'NOT_INVITED', field: 'userId' },
            },
          ],
        },
      }),
    ]);
    fireEvent.click((await menuOf('Rita Reviewer')).item('Revoke invitation'));
    const dialog = within(await screen.findByRole('dialog'));
    const queriesBefore = sent.length;
    fireEvent.click(dialog.getByRole('button', { name: 'Revoke invitation' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'This user is no longer waiting for an invitation: they have accepted it or were suspended. The list has been refreshed.',
    );
    expect(screen.getByRole('dialog')).toBeVisible();
    expect(sent.length).toBeGreaterThan(queriesBefore);
    expect(notices).not.toHaveBeenCalled();
  });
});
