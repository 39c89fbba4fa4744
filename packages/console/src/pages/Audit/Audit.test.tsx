import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AuditEventsDocument,
  type AuditEventsQuery,
  type AuditEventsQueryVariables,
  AuditUserLabelDocument,
  AuditUserOptionsDocument,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockOf } from '../../../test/mock';
import { renderWithProviders } from '../../../test/render';
import { AuditPage } from '.';

type EventNode = AuditEventsQuery['auditEvents']['nodes'][number];

function event(overrides: Partial<EventNode> & Pick<EventNode, 'id' | 'action'>): EventNode {
  return {
    __typename: 'AuditEvent',
    actorUserId: 'user-ada',
    actorName: 'Ada Admin',
    targetType: 'User',
    targetId: 'user-rita',
    targetName: 'Rita Reviewer',
    ip: '203.0.113.7',
    details: null,
    createdAt: '2026-12-03T10:15:00.000Z',
    ...overrides,
  };
}

const renamed = event({
  id: 'event-1',
  action: 'user.updated',
  details: {
    changed: ['displayName', 'userType'],
    changes: {
      displayName: { from: 'Rita R.', to: 'Rita Reviewer' },
      userType: { from: 'APP_REVIEWER', to: 'APP_ADMINISTRATOR' },
    },
  },
});
const reset = event({
  id: 'event-2',
  action: 'two_factor.reset',
  details: { reason: 'Lost her phone on the train, confirmed by a video call with her manager' },
  createdAt: '2026-12-02T08:00:00.000Z',
});
const signedIn = event({
  id: 'event-3',
  action: 'auth.signed_in',
  targetId: 'user-ada',
  targetName: 'Ada Admin',
  createdAt: '2026-12-01T07:30:00.000Z',
});

/** Answers every log query with `nodes`, recording the variables each was sent with. */
function eventsMock(nodes: EventNode[], sent: AuditEventsQueryVariables[]) {
  return mockOf(AuditEventsDocument, {
    variables: () => true,
    result: (variables: AuditEventsQueryVariables) => {
      sent.push(variables);
      return {
        data: {
          auditEvents: {
            __typename: 'AuditEventConnection' as const,
            totalCount: nodes.length,
            totalCountIsLowerBound: false,
            pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
            nodes,
          },
        },
      };
    },
    maxUsageCount: 10_000,
  });
}

const userOptionsMock = mockOf(AuditUserOptionsDocument, {
  variables: () => true,
  result: {
    data: {
      users: {
        __typename: 'UserConnection',
        nodes: [
          {
            __typename: 'User',
            id: 'user-rita',
            displayName: 'Rita Reviewer',
            email: 'rita@acme.test',
          },
        ],
      },
    },
  },
  maxUsageCount: 10_000,
});

const ritaLabelMock = mockOf(AuditUserLabelDocument, {
  variables: { id: 'user-rita' },
  result: {
    data: {
      user: {
        __typename: 'User',
        id: 'user-rita',
        displayName: 'Rita Reviewer',
        email: 'rita@acme.test',
      },
    },
  },
  maxUsageCount: 10,
});

function renderAudit(path: string, nodes: EventNode[] = [renamed, reset, signedIn]) {
  const sent: AuditEventsQueryVariables[] = [];
  const router = createMemoryRouter([{ path: '/audit', element: <AuditPage /> }], {
    initialEntries: [path],
  });
  renderWithProviders(<RouterProvider router={router} />, [
    eventsMock(nodes, sent),
    userOptionsMock,
    ritaLabelMock,
  ]);
  return { router, sent };
}

/** The instant a local calendar day starts, `days` later, as the page sends it. */
const localDay = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).toISOString();
const localDayEnd = (year: number, month: number, day: number) =>
  new Date(new Date(year, month - 1, day + 1).getTime() - 1).toISOString();

async function rowOf(text: string | RegExp) {
  return within((await screen.findByText(text)).closest('tr')!);
}

function exportLink(): HTMLAnchorElement {
  return screen.getByRole<HTMLAnchorElement>('link', { name: 'Export CSV' });
}

describe('the audit log', () => {
  it('shows one line per event, each in words', async () => {
    renderAudit('/audit');
    expect(await screen.findByRole('table', { name: 'Audit events' })).toBeVisible();
    const row = await rowOf('Ada Admin changed Rita Reviewer');
    expect(row.getByText('203.0.113.7')).toBeVisible();
    // the main row never wraps: a long sentence is cut, and shown whole when opened
    const sentence = (await rowOf(/^Ada Admin reset the two-factor/)).getByText(
      /^Ada Admin reset the two-factor/,
    );
    expect(sentence).toHaveAttribute('data-truncate', 'end');
    expect(sentence).toHaveAttribute('title', expect.stringContaining('video call'));
    expect(screen.getByText('3 events')).toBeVisible();
  });

  it('opens an event on what changed, from what to what, and closes it again', async () => {
    renderAudit('/audit');
    const row = await rowOf('Ada Admin changed Rita Reviewer');
    const toggle = row.getByRole('button', { name: 'Show details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Hide details');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const changes = within(within(details).getByRole('table', { name: 'What changed' }));
    expect(
      changes
        .getAllByRole('row')
        .map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent)),
    ).toEqual([
      ['What changed', 'Before', 'After'],
      ['Name', 'Rita R.', 'Rita Reviewer'],
      ['User type', 'App reviewer', 'App administrator'],
    ]);
    expect(within(details).getByText('user.updated')).toBeVisible();
    expect(within(details).getByText('Ada Admin (user-ada)')).toBeVisible();
    expect(within(details).getByText('User: Rita Reviewer (user-rita)')).toBeVisible();

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table', { name: 'What changed' })).toBeNull();
  });

  it('shows the facts of an event that changed nothing, such as a reset’s reason', async () => {
    renderAudit('/audit');
    fireEvent.click(
      (await rowOf(/^Ada Admin reset the two-factor/)).getByRole('button', {
        name: 'Show details',
      }),
    );
    expect(await screen.findByText('Reason')).toBeVisible();
    expect(
      screen.getAllByText(/Lost her phone on the train/).some((node) => node.tagName === 'P'),
    ).toBe(true);
    // a sign-in records nothing more
    fireEvent.click(
      (await rowOf('Ada Admin signed in')).getByRole('button', { name: 'Show details' }),
    );
    expect(await screen.findByText('No further details were recorded.')).toBeVisible();
  });

  it('lists the events on a phone, each sentence whole, and opens one', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = (query: string) => ({
      ...matchMedia(query),
      matches: query.includes('max-width'),
    });
    try {
      renderAudit('/audit');
      const list = await screen.findByRole('list', { name: 'Audit events' });
      expect(screen.queryByRole('table', { name: 'Audit events' })).toBeNull();
      const item = within(
        within(list)
          .getAllByRole('listitem')
          .find((li) => li.textContent?.includes('video call'))!,
      );
      expect(item.getByText(/video call with her manager”$/)).not.toHaveAttribute('data-truncate');
      fireEvent.click(item.getByRole('button', { name: 'Show details' }));
      expect(await item.findByText('Reason')).toBeVisible();
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('narrows by the action, user and days of the URL, and the export carries them', async () => {
    const { sent } = renderAudit(
      '/audit?action=user.updated&user=user-rita&from=2026-12-01&to=2026-12-05',
    );
    await screen.findByText('Ada Admin changed Rita Reviewer');
    const filter = {
      action: 'user.updated',
      userId: 'user-rita',
      from: localDay(2026, 12, 1),
      to: localDayEnd(2026, 12, 5),
    };
    expect(sent.at(-1)?.filter).toEqual(filter);
    expect(screen.getByLabelText('From')).toHaveValue('2026-12-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-12-05');
    // the user of the URL is named in its filter
    await waitFor(() =>
      expect(screen.getByPlaceholderText('Anyone')).toHaveValue('Rita Reviewer (rita@acme.test)'),
    );

    const href = new URL(exportLink().href, 'http://console.test');
    expect(href.pathname).toBe('/export/audit-log.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual(filter);
    expect(exportLink()).toHaveAttribute('download');
  });

  it('sets a date range, one end at a time, and refuses one that ends before it starts', async () => {
    const { router, sent } = renderAudit('/audit');
    await screen.findByText('Ada Admin changed Rita Reviewer');
    expect(exportLink().getAttribute('href')).toBe('/export/audit-log.csv');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-02' } });
    await waitFor(() =>
      expect(sent.at(-1)?.filter).toEqual({
        action: null,
        userId: null,
        from: localDay(2026, 12, 2),
        to: null,
      }),
    );
    expect(router.state.location.search).toBe('?from=2026-12-02');
    expect(new URL(exportLink().href).searchParams.get('from')).toBe(localDay(2026, 12, 2));

    const asked = sent.length;
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01' } });
    expect(await screen.findByText('The range ends before it starts')).toBeVisible();
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    expect(screen.queryByRole('table', { name: 'Audit events' })).toBeNull();
    expect(sent.length).toBe(asked);

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-03' } });
    await waitFor(() => expect(sent.at(-1)?.filter?.to).toBe(localDayEnd(2026, 12, 3)));
    expect(screen.queryByText('The range ends before it starts')).toBeNull();
    expect(Object.fromEntries(new URL(exportLink().href).searchParams)).toEqual({
      from: localDay(2026, 12, 2),
      to: localDayEnd(2026, 12, 3),
    });

    // clearing an end widens the range again
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '' } });
    await waitFor(() => expect(router.state.location.search).toBe('?to=2026-12-03'));
  });

  it('ignores a day in the URL that is no date', async () => {
    const { sent } = renderAudit('/audit?from=yesterday&to=2026-13-45');
    await screen.findByText('Ada Admin changed Rita Reviewer');
    expect(sent.at(-1)?.filter).toMatchObject({ from: null });
    expect(screen.getByLabelText('From')).toHaveValue('');
  });
});
