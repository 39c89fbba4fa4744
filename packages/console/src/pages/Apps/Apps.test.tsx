import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AppListDocument,
  CreateAppDocument,
  type AppListQuery,
  type CreateAppInput,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { viewerAs as viewer } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { paths } from '../../session/paths';
import { AppsPage } from '.';
import { mockOf } from '../../../test/mock';

type AppRow = AppListQuery['apps'][number];
const webApp: AppRow = { __typename: 'App', id: 'app-2', name: 'Acme Web', platform: 'WEB' };
const mobileApp: AppRow = { __typename: 'App', id: 'app-1', name: 'Acme Mobile', platform: 'IOS' };

function appList(apps: AppRow[]): MockLink.MockedResponse {
  return mockOf(AppListDocument, { result: { data: { apps } } });
}

const input: CreateAppInput = {
  name: 'Acme Mobile',
  platform: 'IOS',
  bundleId: 'com.acme.mobile',
  previewUrl: 'https://preview.acme.test/mobile',
};

function renderApps(mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter([{ path: paths.apps, element: <AppsPage /> }], {
    initialEntries: [paths.apps],
  });
  renderWithProviders(<RouterProvider router={router} />, mocks);
}

/** Opens the create dialog and fills it with `input` (the name as typed, with stray spaces). */
async function fillCreateDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Create app' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create app' });
  const form = within(dialog);
  fireEvent.change(form.getByLabelText(/^Name/), { target: { value: ` ${input.name}  ` } });
  fireEvent.change(form.getByLabelText(/^Platform/), { target: { value: input.platform } });
  fireEvent.change(form.getByLabelText(/^Bundle ID/), { target: { value: input.bundleId } });
  fireEvent.change(form.getByLabelText(/^Preview URL/), { target: { value: input.previewUrl } });
  return form;
}

describe('the apps page', () => {
  it('lists the apps with links to their pages', async () => {
    renderApps([viewer('APP_REVIEWER'), appList([mobileApp, webApp])]);

    const link = await screen.findByRole('link', { name: 'Acme Web' });
    expect(link).toHaveAttribute('href', '/apps/app-2');
    const row = link.closest('tr');
    expect(row).not.toBeNull();
    expect(within(row!).getByText('Web')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Acme Mobile' })).toHaveAttribute(
      'href',
      '/apps/app-1',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Create app' })).not.toBeInTheDocument();
  });

  it('tells a profile without apps that none are assigned to it', async () => {
    renderApps([viewer('APP_REPORT_VIEWER'), appList([])]);

    expect(await screen.findByText(/No apps assigned to you yet/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Create app' })).not.toBeInTheDocument();
  });

  it('checks the fields before sending anything', async () => {
    renderApps([viewer('ADMINISTRATOR'), appList([])]);

    const form = await fillCreateDialog();
    fireEvent.change(form.getByLabelText(/^Bundle ID/), { target: { value: 'acme' } });
    fireEvent.change(form.getByLabelText(/^Platform/), { target: { value: '' } });
    fireEvent.click(form.getByRole('button', { name: 'Create app' }));

    expect(await form.findByText('Use reverse-DNS notation, e.g. com.example.app')).toBeVisible();
    expect(
      form.getByText('Choose a platform', { selector: '.mantine-InputWrapper-error' }),
    ).toBeVisible();
  });

  it('sends the new app and shows the server’s message under its field', async () => {
    renderApps([
      viewer('ADMINISTRATOR'),
      appList([]),
      mockOf(CreateAppDocument, {
        variables: { input },
        result: {
          errors: [
            {
              message: 'Invalid input',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'input.previewUrl', message: 'Enter an http(s) URL' }],
              },
            },
          ],
        },
      }),
    ]);

    expect(await screen.findByText(/No apps yet/)).toBeVisible();
    const form = await fillCreateDialog();
    fireEvent.click(form.getByRole('button', { name: 'Create app' }));

    const previewUrl = form.getByLabelText(/^Preview URL/);
    await waitFor(() => expect(previewUrl).toHaveAccessibleDescription(/Enter an http\(s\) URL/));
    expect(previewUrl).toHaveAttribute('aria-invalid', 'true');
    // the message is shown once, under the field, not repeated in an alert
    expect(form.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('creates an app, closes the dialog and shows the refreshed list', async () => {
    renderApps([
      viewer('ADMINISTRATOR', true),
      appList([webApp]),
      mockOf(CreateAppDocument, {
        variables: { input },
        result: { data: { createApp: mobileApp } },
      }),
      appList([mobileApp, webApp]),
    ]);

    expect(await screen.findByRole('link', { name: 'Acme Web' })).toBeVisible();
    const form = await fillCreateDialog();
    fireEvent.click(form.getByRole('button', { name: 'Create app' }));

    expect(await screen.findByRole('link', { name: 'Acme Mobile' })).toHaveAttribute(
      'href',
      '/apps/app-1',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
