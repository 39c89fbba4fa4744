import type { MockLink } from '@apollo/client/testing';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AccountDomainsDocument,
  CreateIdentityProviderDocument,
  type IdentityProviderFieldsFragment,
  IdentityProvidersDocument,
  RemoveIdentityProviderDocument,
  SecuritySettingsDocument,
  TestIdentityProviderDocument,
  UpdateIdentityProviderDocument,
  type CreateIdentityProviderInput,
  type UpdateIdentityProviderInput,
  type UserType,
} from '@twofold/shared/graphql';
import { MemoryRouter } from 'react-router';
import { viewerAs } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { leaveConsole } from '../../lib/leave-console';
import { SecurityPage } from '.';
import { mockOf } from '../../../test/mock';

jest.mock('../../lib/leave-console', () => ({ leaveConsole: jest.fn() }));

function settingsMock(requiredTypes: UserType[] = []): MockLink.MockedResponse {
  return mockOf(SecuritySettingsDocument, {
    result: {
      data: {
        securityPolicies: requiredTypes.map((userType) => ({
          __typename: 'SecurityPolicy' as const,
          userType,
          enforcement: 'REQUIRED' as const,
          allowedMethods: ['AUTHENTICATOR_APP' as const],
          gracePeriodDays: 0,
          phishingResistantOnly: false,
          rememberDeviceDays: 0,
          updatedAt: '2026-11-01T09:00:00.000Z',
        })),
        account: {
          __typename: 'Account',
          id: 'acc-1',
          allowedSmsCountries: [],
          allowAllSmsCountries: false,
        },
      },
    },
    maxUsageCount: 10,
  });
}

const noDomains: MockLink.MockedResponse = mockOf(AccountDomainsDocument, {
  result: { data: { accountDomains: [] } },
  maxUsageCount: 10,
});

const redirectUri = 'https://twofold.acme.test/oidc/callback';

const okta: IdentityProviderFieldsFragment = {
  __typename: 'IdentityProvider',
  id: 'idp-1',
  displayName: 'Okta',
  issuerUrl: 'https://acme.okta.test',
  clientId: 'twofold-console',
  allowedEmailDomains: [],
  twoFactorPolicy: 'TRUST_PROVIDER',
  trustedAcrValues: ['urn:acme:mfa'],
  waiverUserTypes: ['APP_REVIEWER', 'APP_REPORT_VIEWER'],
  maxAgeSeconds: 600,
  redirectUri,
  updatedAt: '2026-11-01T09:00:00.000Z',
};

const entra: IdentityProviderFieldsFragment = {
  __typename: 'IdentityProvider',
  id: 'idp-2',
  displayName: 'Entra',
  issuerUrl: 'https://login.entra.test/acme/v2.0',
  clientId: 'c0ffee',
  allowedEmailDomains: ['acme.test', 'acme.example'],
  twoFactorPolicy: 'EXEMPT',
  trustedAcrValues: [],
  waiverUserTypes: [],
  maxAgeSeconds: null,
  redirectUri,
  updatedAt: '2026-11-01T09:00:00.000Z',
};

function providersMock(
  providers: IdentityProviderFieldsFragment[],
  maxUsageCount = 10,
): MockLink.MockedResponse {
  return mockOf(IdentityProvidersDocument, {
    result: { data: { identityProviders: providers } },
    maxUsageCount,
  });
}

function renderSecurity(
  {
    owner,
    path = '/security',
    requiredTypes = [],
  }: { owner: boolean; path?: string; requiredTypes?: UserType[] },
  mocks: MockLink.MockedResponse[],
) {
  return renderWithProviders(
    <MemoryRouter initialEntries={[path]}>
      <SecurityPage />
    </MemoryRouter>,
    [viewerAs('ADMINISTRATOR', owner), settingsMock(requiredTypes), noDomains, ...mocks],
  );
}

async function providersSection() {
  return within(await screen.findByRole('region', { name: 'Identity providers' }));
}

const newProvider: CreateIdentityProviderInput = {
  displayName: 'Acme ID',
  issuerUrl: 'https://id.acme.test',
  clientId: 'twofold',
  clientSecret: 'sealed-secret',
  allowedEmailDomains: ['acme.test'],
  twoFactorPolicy: 'TRUST_PROVIDER',
  trustedAcrValues: ['gold'],
  waiverUserTypes: ['APP_REVIEWER'],
  maxAgeSeconds: 600,
};

/** Fills the add form as an owner would, with `newProvider`'s values. */
async function fillNewProvider() {
  const dialog = within(await screen.findByRole('dialog', { name: 'Add identity provider' }));
  fireEvent.change(dialog.getByLabelText(/^Name/), { target: { value: 'Acme ID' } });
  fireEvent.change(dialog.getByLabelText(/^Issuer URL/), {
    target: { value: 'https://id.acme.test' },
  });
  fireEvent.change(dialog.getByLabelText(/^Client ID/), { target: { value: 'twofold' } });
  fireEvent.change(dialog.getByLabelText(/^Client secret/), {
    target: { value: 'sealed-secret' },
  });
  const domains = dialog.getByLabelText('Allowed email domains');
  // Mantine takes only typing into the focused input as a tag (not autofill)
  act(() => domains.focus());
  fireEvent.change(domains, { target: { value: 'Acme.test' } });
  fireEvent.keyDown(domains, { key: 'Enter' });
  expect(dialog.queryByLabelText('Trusted acr values')).toBeNull();
  fireEvent.click(
    dialog.getByLabelText("Trust the provider's second factor when its ID token shows one"),
  );
  const acr = await dialog.findByLabelText('Trusted acr values');
  act(() => acr.focus());
  fireEvent.change(acr, { target: { value: 'gold' } });
  fireEvent.keyDown(acr, { key: 'Enter' });
  // nobody is spared until a type is ticked; a fresh sign-in is asked for by default
  expect(dialog.getByLabelText('App reviewer')).not.toBeChecked();
  expect(dialog.getByLabelText(/^Fresh sign-in/)).toHaveValue('600');
  fireEvent.click(dialog.getByLabelText('App reviewer'));
  return dialog;
}

describe('identity providers on the security page', () => {
  afterEach(() => jest.mocked(leaveConsole).mockReset());

  it('shows an owner each provider with its domains and second-factor rule', async () => {
    renderSecurity({ owner: true }, [providersMock([okta, entra])]);
    const section = await providersSection();

    const oktaRow = within(
      (await section.findByRole('rowheader', { name: 'Okta' })).closest('tr')!,
    );
    expect(oktaRow.getByText('https://acme.okta.test')).toBeVisible();
    expect(oktaRow.getByText('twofold-console')).toBeVisible();
    expect(oktaRow.getByText('Any domain')).toBeVisible();
    expect(oktaRow.getByText("Provider's second factor when shown")).toBeVisible();
    expect(oktaRow.getByText('Trusted acr: urn:acme:mfa')).toBeVisible();
    expect(
      oktaRow.getByText('For: App reviewer, App report viewer; sign-in within 600 s'),
    ).toBeVisible();

    const entraRow = within(section.getByRole('rowheader', { name: 'Entra' }).closest('tr')!);
    expect(entraRow.getByText('acme.test, acme.example')).toBeVisible();
    expect(entraRow.getByText('No second factor')).toBeVisible();
    expect(entraRow.getByText('Spares no user type yet')).toBeVisible();

    expect(section.getByText(redirectUri)).toBeVisible();
    expect(section.getByRole('button', { name: 'Copy redirect URI' })).toBeVisible();
    for (const name of ['Test sign-in with Okta', 'Edit Okta', 'Remove Entra']) {
      expect(section.getByRole('button', { name })).toBeVisible();
    }
  });

  it('offers the redirect URI of this console before any provider exists', async () => {
    renderSecurity({ owner: true }, [providersMock([])]);
    const section = await providersSection();
    expect(await section.findByText('No identity provider yet.')).toBeVisible();
    expect(section.getByText(`${window.location.origin}/oidc/callback`)).toBeVisible();
  });

  it('adds a provider with its domains and rule, then lists it', async () => {
    const acmeId: IdentityProviderFieldsFragment = {
      ...okta,
      id: 'idp-3',
      displayName: 'Acme ID',
      issuerUrl: 'https://id.acme.test',
      clientId: 'twofold',
      allowedEmailDomains: ['acme.test'],
      trustedAcrValues: ['gold'],
    };
    const created = jest.fn(() => ({ data: { createIdentityProvider: acmeId } }));
    renderSecurity({ owner: true }, [
      providersMock([okta], 1),
      mockOf(CreateIdentityProviderDocument, {
        variables: { input: newProvider },
        result: created,
      }),
      providersMock([okta, acmeId]),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Add identity provider' }));
    const dialog = await fillNewProvider();
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    expect(await section.findByRole('rowheader', { name: 'Acme ID' })).toBeVisible();
    expect(created).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add identity provider' })).toBeNull(),
    );
  });

  it('checks the form before asking the server', async () => {
    renderSecurity({ owner: true }, [providersMock([])]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Add identity provider' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Add identity provider' }));
    fireEvent.change(dialog.getByLabelText(/^Issuer URL/), {
      target: { value: 'http://id.acme.test' },
    });
    const domains = dialog.getByLabelText('Allowed email domains');
    act(() => domains.focus());
    fireEvent.change(domains, { target: { value: 'intranet' } });
    fireEvent.keyDown(domains, { key: 'Enter' });
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    expect(
      await dialog.findByText('Use https (plain http only for a provider on this machine)'),
    ).toBeVisible();
    expect(dialog.getByText('Enter a domain such as example.com')).toBeVisible();
    expect(dialog.getByLabelText(/^Client secret/)).toHaveAttribute('aria-invalid', 'true');
  });

  it("shows the server's message under the field it rejected", async () => {
    renderSecurity({ owner: true }, [
      providersMock([]),
      mockOf(CreateIdentityProviderDocument, {
        variables: { input: newProvider },
        result: {
          errors: [
            {
              message: 'input.issuerUrl: No OpenID configuration at this issuer',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  { field: 'input.issuerUrl', message: 'No OpenID configuration at this issuer' },
                ],
              },
            },
          ],
        },
      }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Add identity provider' }));
    const dialog = await fillNewProvider();
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    expect(await dialog.findByText('No OpenID configuration at this issuer')).toBeVisible();
    const issuer = dialog.getByLabelText(/^Issuer URL/);
    expect(issuer).toHaveAttribute('aria-invalid', 'true');
    expect(issuer).toHaveAccessibleDescription(/No OpenID configuration at this issuer/);
    expect(dialog.queryByRole('alert')).toBeNull();
  });

  it('keeps the stored secret when the owner edits a provider without typing one', async () => {
    const input = { twoFactorPolicy: 'EXEMPT' as const, trustedAcrValues: [], maxAgeSeconds: null };
    const updated = jest.fn(() => ({
      data: { updateIdentityProvider: { ...okta, ...input } },
    }));
    renderSecurity({ owner: true }, [
      providersMock([okta]),
      mockOf(UpdateIdentityProviderDocument, {
        variables: { id: 'idp-1', input },
        result: updated,
      }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Edit Okta' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Okta' }));
    expect(dialog.getByLabelText(/^Client secret/)).toHaveAccessibleDescription(
      'Leave empty to keep the current secret',
    );
    fireEvent.click(dialog.getByLabelText('Exempt: no second factor'));
    // any age: the field emptied
    fireEvent.change(dialog.getByLabelText(/^Fresh sign-in/), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    expect(await section.findByText('No second factor')).toBeVisible();
    expect(updated).toHaveBeenCalledTimes(1);
  });

  it('asks the owner to confirm before sparing a type whose policy requires 2FA', async () => {
    const input: UpdateIdentityProviderInput = {
      waiverUserTypes: ['APP_REVIEWER', 'APP_REPORT_VIEWER', 'ADMINISTRATOR'],
      confirmRequiredTypes: true,
    };
    const updated = jest.fn(() => ({
      data: { updateIdentityProvider: { ...okta, waiverUserTypes: input.waiverUserTypes } },
    }));
    renderSecurity({ owner: true, requiredTypes: ['ADMINISTRATOR'] }, [
      providersMock([okta]),
      mockOf(UpdateIdentityProviderDocument, {
        variables: { id: 'idp-1', input },
        result: updated,
      }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Edit Okta' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Okta' }));
    expect(dialog.getByLabelText('App reviewer')).toBeChecked();
    const confirmation = /stands in for the second factor these types' policy requires/;
    expect(dialog.queryByLabelText(confirmation)).toBeNull();
    fireEvent.click(await dialog.findByLabelText('Administrator (its policy requires 2FA)'));
    fireEvent.click(dialog.getByLabelText(confirmation));
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    await waitFor(() => expect(updated).toHaveBeenCalledTimes(1));
  });

  it("shows the server's refusal of an unconfirmed type under the types", async () => {
    const input: UpdateIdentityProviderInput = {
      waiverUserTypes: ['APP_REVIEWER', 'APP_REPORT_VIEWER', 'ADMINISTRATOR'],
    };
    const message =
      'ADMINISTRATOR must give a second factor: confirm that this provider’s sign-in stands in for it';
    renderSecurity({ owner: true }, [
      providersMock([okta]),
      mockOf(UpdateIdentityProviderDocument, {
        variables: { id: 'idp-1', input },
        result: {
          errors: [
            {
              message: `input.waiverUserTypes: ${message}`,
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'input.waiverUserTypes', message }],
              },
            },
          ],
        },
      }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Edit Okta' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Okta' }));
    fireEvent.click(dialog.getByLabelText('Administrator'));
    fireEvent.click(dialog.getByRole('button', { name: 'Save provider' }));

    expect(await dialog.findByText(message)).toBeVisible();
  });

  it('removes a provider only once the owner confirms', async () => {
    const removed = jest.fn(() => ({ data: { removeIdentityProvider: true } }));
    renderSecurity({ owner: true }, [
      providersMock([okta, entra]),
      mockOf(RemoveIdentityProviderDocument, { variables: { id: 'idp-2' }, result: removed }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Remove Entra' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Remove Entra?' }));
    expect(removed).not.toHaveBeenCalled();
    fireEvent.click(dialog.getByRole('button', { name: 'Remove provider' }));

    await waitFor(() => expect(section.queryByRole('rowheader', { name: 'Entra' })).toBeNull());
    expect(section.getByRole('rowheader', { name: 'Okta' })).toBeVisible();
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it("sends the window to the provider's test sign-in", async () => {
    const url = 'https://acme.okta.test/authorize?client_id=twofold-console&state=abc';
    renderSecurity({ owner: true }, [
      providersMock([okta]),
      mockOf(TestIdentityProviderDocument, {
        variables: { id: 'idp-1' },
        result: { data: { testIdentityProvider: url } },
      }),
    ]);
    const section = await providersSection();
    fireEvent.click(await section.findByRole('button', { name: 'Test sign-in with Okta' }));

    await waitFor(() => expect(leaveConsole).toHaveBeenCalledWith(url));
  });

  it('shows administrators the providers without a way to change them', async () => {
    renderSecurity({ owner: false }, [providersMock([okta])]);
    const section = await providersSection();

    expect(await section.findByRole('rowheader', { name: 'Okta' })).toBeVisible();
    expect(
      section.getByText(
        'Only the account owner can add, change, test or remove identity providers.',
      ),
    ).toBeVisible();
    expect(section.queryByRole('button', { name: 'Add identity provider' })).toBeNull();
    expect(section.queryByRole('button', { name: /^(Edit|Remove|Test sign-in with) / })).toBeNull();
  });

  it.each([
    [
      'emailVerified=1&secondFactor=1',
      [
        'The provider confirmed the email address.',
        'The ID token showed a second factor (amr/acr).',
      ],
    ],
    [
      'emailVerified=0&secondFactor=0',
      [
        'The provider did not confirm the email address, which a first sign-in needs.',
        'The ID token showed no second factor.',
      ],
    ],
  ])('reports a successful test sign-in (%s)', async (query, sentences) => {
    renderSecurity({ owner: true, path: `/security?testedProvider=idp-1&${query}` }, [
      providersMock([okta]),
    ]);
    const section = await providersSection();

    const status = await section.findByRole('status');
    expect(within(status).getByText('Test sign-in succeeded')).toBeVisible();
    for (const sentence of sentences) expect(status).toHaveTextContent(sentence);
    expect(section.queryByRole('alert')).toBeNull();
  });

  it('reports a failed test sign-in with the reason', async () => {
    renderSecurity(
      { owner: true, path: '/security?testedProvider=idp-1&openIdError=EMAIL_NOT_VERIFIED' },
      [providersMock([okta])],
    );
    const section = await providersSection();

    const alert = await section.findByRole('alert');
    expect(within(alert).getByText('Test sign-in failed')).toBeVisible();
    expect(alert).toHaveTextContent('Your identity provider did not confirm your email address.');
    expect(alert).toHaveTextContent('Tested: Okta.');
  });
});
