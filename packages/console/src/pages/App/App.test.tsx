import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AppBasicsDocument,
  AppListDocument,
  AppReportDocument,
  AppSettingsDocument,
  RemoveAppDocument,
  UpdateAppDocument,
  type AppReportQuery,
  type AppSettingsQuery,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { viewerAs as viewer } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { paths } from '../../session/paths';
import { AppsPage } from '../Apps';
import { AppPage } from '.';
import { mockOf } from '../../../test/mock';

const appId = '3f1c2a4e-0000-4000-8000-000000000001';
const qrCode = 'data:image/png;base64,iVBORw0KGgo=';

function basics(name = 'Acme Mobile'): MockLink.MockedResponse {
  return mockOf(AppBasicsDocument, {
    variables: { id: appId },
    result: { data: { app: { __typename: 'App', id: appId, name, platform: 'IOS' } } },
    maxUsageCount: 10,
  });
}

const settingsData: { data: AppSettingsQuery } = {
  data: {
    app: {
      __typename: 'App',
      id: appId,
      bundleId: 'com.acme.mobile',
      previewUrl: 'https://preview.acme.test/mobile',
      previewQrCode: qrCode,
    },
  },
};

/** `result` is a spy, so a test can prove the query was never sent. */
function settings(result = jest.fn(() => settingsData)): MockLink.MockedResponse {
  return mockOf(AppSettingsDocument, { variables: { id: appId }, result, maxUsageCount: 10 });
}

function reportData(
  days: number,
  counts: number[],
  users: [number, number, number],
): { data: AppReportQuery } {
  const [assignedUsers, usersWithTwoFactor, usersWithPinOnly] = users;
  return {
    data: {
      app: {
        __typename: 'App',
        id: appId,
        report: {
          __typename: 'AppReport',
          days,
          signInsPerDay: counts.map((count, i) => ({
            __typename: 'DailyCount',
            date: `2026-03-${String(i + 1).padStart(2, '0')}`,
            count,
          })),
          assignedUsers,
          usersWithTwoFactor,
          usersWithPinOnly,
          twoFactorCoverage: assignedUsers === 0 ? 0 : usersWithTwoFactor / assignedUsers,
        },
      },
    },
  };
}

function report(
  days = 30,
  result = jest.fn(() => reportData(days, [2, 0, 5], [10, 5, 2])),
): MockLink.MockedResponse {
  return mockOf(AppReportDocument, { variables: { id: appId, days }, result, maxUsageCount: 10 });
}

function renderAt(path: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter(
    [
      { path: paths.apps, element: <AppsPage /> },
      { path: paths.app, element: <AppPage /> },
    ],
    { initialEntries: [path] },
  );
  renderWithProviders(<RouterProvider router={router} />, mocks);
  return router;
}

const appPath = `/apps/${appId}`;

// jsdom lays nothing out: the charts' containers get a size, so recharts draws instead of warning
const boundingClientRect = jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
beforeEach(() => {
  boundingClientRect.mockImplementation(function (this: HTMLElement) {
    const size = this.classList.contains('recharts-responsive-container')
      ? { width: 600, height: 220 }
      : { width: 0, height: 0 };
    return {
      ...size,
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: size.width,
      bottom: size.height,
      toJSON: () => size,
    };
  });
});

/** The <tr> of the coverage table whose row header starts with `label`. */
function coverageRow(label: RegExp) {
  const header = screen.getByRole('rowheader', { name: label });
  const row = header.closest('tr');
  if (!row) throw new Error('the row header is outside a table row');
  return within(row);
}

describe('the app page', () => {
  it('shows an administrator the settings, QR code, reports, and the edit and remove actions', async () => {
    renderAt(appPath, [viewer('ADMINISTRATOR'), basics(), settings(), report()]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Mobile' })).toBeVisible();
    expect(screen.getByText('iOS')).toBeVisible();
    // removing is apart, in a danger zone at the bottom: after the settings and the reports
    const danger = screen.getByRole('region', { name: 'Danger zone' });
    expect(within(danger).getByRole('button', { name: 'Remove app' })).toBeVisible();
    expect(screen.getAllByRole('region').at(-1)).toBe(danger);
    expect(
      screen.getByRole('heading', { name: 'Reports' }).compareDocumentPosition(danger) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    expect(await screen.findByText('com.acme.mobile')).toBeVisible();
    expect(screen.getByRole('link', { name: 'https://preview.acme.test/mobile' })).toHaveAttribute(
      'href',
      'https://preview.acme.test/mobile',
    );
    expect(screen.getByRole('img', { name: 'Preview QR code for Acme Mobile' })).toHaveAttribute(
      'src',
      qrCode,
    );
    expect(
      screen.getByText('Scan with your phone’s camera to open the preview build'),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit settings' })).toBeVisible();

    expect(await screen.findByRole('heading', { level: 2, name: 'Reports' })).toBeVisible();
    expect(await screen.findByText(/7 sign-ins in the last 30 days/)).toBeVisible();
    expect(screen.getByText(/50% of the 10 users assigned to this app have/)).toBeVisible();
    expect(coverageRow(/^Authenticator app or text message/).getByText('5')).toBeVisible();
    expect(coverageRow(/^PIN code only/).getByText('2')).toBeVisible();
    expect(coverageRow(/^Not enrolled/).getByText('3')).toBeVisible();
    expect(coverageRow(/^Not enrolled/).getByText('30%')).toBeVisible();
    // the chart draws a bar per day of the window (recharts' own class names: no role to query)
    await waitFor(() =>
      expect(document.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3),
    );
  });

  it('shows an App Reviewer the settings and QR code, but no reports and no edit or remove', async () => {
    const reportResult = jest.fn(() => reportData(30, [1], [1, 1, 0]));
    renderAt(appPath, [viewer('APP_REVIEWER'), basics(), settings(), report(30, reportResult)]);

    expect(
      await screen.findByRole('img', { name: 'Preview QR code for Acme Mobile' }),
    ).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    expect(screen.getByText('com.acme.mobile')).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Reports' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove app' })).not.toBeInTheDocument();
    expect(reportResult).not.toHaveBeenCalled();
  });

  it('shows a Report Viewer the report numbers and no settings, without asking for them', async () => {
    const settingsResult = jest.fn(() => settingsData);
    renderAt(appPath, [
      viewer('APP_REPORT_VIEWER'),
      basics(),
      settings(settingsResult),
      report(),
      report(
        7,
        jest.fn(() => reportData(7, [1, 1, 1, 1, 0, 0, 0], [4, 1, 0])),
      ),
    ]);

    expect(await screen.findByText(/7 sign-ins in the last 30 days/)).toBeVisible();
    expect(screen.getByRole('heading', { level: 1, name: 'Acme Mobile' })).toBeVisible();
    expect(coverageRow(/^Authenticator app or text message/).getByText('5')).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /Preview QR code/ })).not.toBeInTheDocument();
    expect(screen.queryByText('com.acme.mobile')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove app' })).not.toBeInTheDocument();

    const period = screen.getByRole('radiogroup', { name: 'Report period' });
    expect(within(period).getByRole('radio', { name: '30 days' })).toBeChecked();
    fireEvent.click(within(period).getByRole('radio', { name: '7 days' }));
    expect(await screen.findByText(/4 sign-ins in the last 7 days/)).toBeVisible();
    expect(screen.getByText(/25% of the 4 users assigned to this app have/)).toBeVisible();
    expect(settingsResult).not.toHaveBeenCalled();
  });

  it('lists the sign-ins of every day as text on request', async () => {
    renderAt(appPath, [viewer('APP_REPORT_VIEWER'), basics(), report()]);

    fireEvent.click(await screen.findByRole('button', { name: 'Show the numbers per day' }));
    expect(
      screen.getByRole('heading', { name: 'Sign-ins by assigned users per day' }),
    ).toBeVisible();
    const table = screen.getByRole('table', { name: /Sign-ins by assigned users per day/ });
    expect(within(table).getAllByRole('row')).toHaveLength(4); // header and three days
    expect(within(table).getByText('5')).toBeVisible();
  });

  it('sends only the changed settings and shows what the server saved', async () => {
    renderAt(appPath, [
      viewer('APP_ADMINISTRATOR'),
      basics(),
      settings(),
      report(),
      mockOf(UpdateAppDocument, {
        variables: { id: appId, input: { previewUrl: 'https://preview.acme.test/v2' } },
        result: {
          data: {
            updateApp: {
              __typename: 'App',
              id: appId,
              name: 'Acme Mobile',
              platform: 'IOS',
              bundleId: 'com.acme.mobile',
              previewUrl: 'https://preview.acme.test/v2',
              previewQrCode: 'data:image/png;base64,djI=',
            },
          },
        },
      }),
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit app settings' });
    // an App Administrator changes settings but neither creates nor removes apps
    expect(screen.queryByRole('button', { name: 'Remove app' })).not.toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/^Preview URL/), {
      target: { value: 'https://preview.acme.test/v2' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByRole('link', { name: 'https://preview.acme.test/v2' })).toBeVisible();
    expect(screen.getByRole('img', { name: 'Preview QR code for Acme Mobile' })).toHaveAttribute(
      'src',
      'data:image/png;base64,djI=',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says what removing does, then removes the app and returns to the list', async () => {
    const router = renderAt(appPath, [
      viewer('ADMINISTRATOR'),
      basics(),
      settings(),
      report(),
      mockOf(RemoveAppDocument, {
        variables: { id: appId },
        result: { data: { removeApp: true } },
      }),
      mockOf(AppListDocument, { result: { data: { apps: [] } } }),
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove app' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Acme Mobile?' });
    await waitFor(() =>
      expect(within(dialog).getByText(/unassigned from every user/)).toBeVisible(),
    );
    expect(within(dialog).getByText(/cannot be undone/)).toBeVisible();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove app' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/apps');
    expect(await screen.findByText(/No apps yet/)).toBeVisible();
  });

  it('says the app does not exist or is not assigned when the server answers NOT_FOUND', async () => {
    renderAt(appPath, [
      viewer('APP_REVIEWER'),
      mockOf(AppBasicsDocument, {
        variables: { id: appId },
        result: { errors: [{ message: 'App not found', extensions: { code: 'NOT_FOUND' } }] },
      }),
    ]);

    expect(await screen.findByRole('heading', { level: 1, name: 'App not found' })).toBeVisible();
    expect(screen.getByText('This app does not exist or is not assigned to you.')).toBeVisible();
    expect(screen.getByRole('link', { name: '← All apps' })).toHaveAttribute('href', '/apps');
  });
});
