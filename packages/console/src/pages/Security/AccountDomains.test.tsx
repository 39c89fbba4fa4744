import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  type AccountDomainFieldsFragment,
  AccountDomainsDocument,
  AddAccountDomainDocument,
  IdentityProvidersDocument,
  RemoveAccountDomainDocument,
  SecuritySettingsDocument,
  VerifyAccountDomainDocument,
} from '@twofold/shared/graphql';
import { GraphQLError } from 'graphql';
import { MemoryRouter } from 'react-router';
import { viewerAs } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { SecurityPage } from '.';
import { mockOf } from '../../../test/mock';

const settings: MockLink.MockedResponse = mockOf(SecuritySettingsDocument, {
  result: {
    data: {
      securityPolicies: [],
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

const noProviders: MockLink.MockedResponse = mockOf(IdentityProvidersDocument, {
  result: { data: { identityProviders: [] } },
  maxUsageCount: 10,
});

const pending: AccountDomainFieldsFragment = {
  __typename: 'AccountDomain',
  id: 'dom-1',
  domain: 'acme.test',
  verified: false,
  verifiedAt: null,
  verifiedBy: null,
  recordName: '_twofold.acme.test',
  recordValue: 'twofold-verification=0123456789abcdef0123456789abcdef',
};

const proven: AccountDomainFieldsFragment = {
  __typename: 'AccountDomain',
  id: 'dom-2',
  domain: 'acme.example',
  verified: true,
  verifiedAt: '2026-11-01T09:00:00.000Z',
  verifiedBy: 'DNS',
  recordName: '_twofold.acme.example',
  recordValue: 'twofold-verification=fedcba9876543210fedcba9876543210',
};

function domainsMock(
  domains: AccountDomainFieldsFragment[],
  maxUsageCount = 10,
): MockLink.MockedResponse {
  return mockOf(AccountDomainsDocument, {
    result: { data: { accountDomains: domains } },
    maxUsageCount,
  });
}

function renderSecurity(owner: boolean, mocks: MockLink.MockedResponse[]) {
  return renderWithProviders(
    <MemoryRouter initialEntries={['/security']}>
      <SecurityPage />
    </MemoryRouter>,
    [viewerAs('ADMINISTRATOR', owner), settings, noProviders, ...mocks],
  );
}

async function domainsSection() {
  return within(await screen.findByRole('region', { name: 'Domains' }));
}

describe('verified domains on the security page', () => {
  it('shows an owner the TXT record to publish, with copy buttons, and which domains are verified', async () => {
    renderSecurity(true, [domainsMock([pending, proven])]);
    const section = await domainsSection();

    const pendingRow = within(await section.findByRole('article', { name: 'acme.test' }));
    expect(pendingRow.getByText('Not verified')).toBeVisible();
    expect(pendingRow.getByText('_twofold.acme.test')).toBeVisible();
    expect(pendingRow.getByText(pending.recordValue)).toBeVisible();
    expect(pendingRow.getByRole('button', { name: 'Copy name' })).toBeVisible();
    expect(pendingRow.getByRole('button', { name: 'Copy value' })).toBeVisible();
    expect(pendingRow.getByRole('button', { name: 'Verify acme.test' })).toBeVisible();

    const provenRow = within(section.getByRole('article', { name: 'acme.example' }));
    expect(provenRow.getByText('Verified')).toBeVisible();
    expect(provenRow.queryByText(proven.recordValue)).toBeNull();
    expect(provenRow.queryByRole('button', { name: /^Verify/ })).toBeNull();
    expect(provenRow.getByRole('button', { name: 'Remove acme.example' })).toBeVisible();
    expect(section.getByRole('form', { name: 'Add domain' })).toBeVisible();
  });

  it('lets administrators read the domains and records but change nothing', async () => {
    renderSecurity(false, [domainsMock([pending, proven])]);
    const section = await domainsSection();
    expect(await section.findByText(pending.recordValue)).toBeVisible();
    expect(
      section.getByText('Only the account owner can add, verify or remove domains.'),
    ).toBeVisible();
    expect(section.queryByRole('button', { name: /^(Verify|Remove)/ })).toBeNull();
    expect(section.queryByRole('form', { name: 'Add domain' })).toBeNull();
  });

  it('adds a domain, checking its syntax before asking the server', async () => {
    const added = jest.fn(() => ({ data: { addAccountDomain: pending } }));
    renderSecurity(true, [
      domainsMock([], 1),
      mockOf(AddAccountDomainDocument, { variables: { domain: 'acme.test' }, result: added }),
      domainsMock([pending]),
    ]);
    const section = await domainsSection();
    expect(await section.findByText('No domain yet.')).toBeVisible();
    const input = section.getByLabelText('Domain');
    fireEvent.change(input, { target: { value: 'intranet' } });
    fireEvent.click(section.getByRole('button', { name: 'Add domain' }));
    expect(await section.findByText('Enter a domain such as example.com')).toBeVisible();
    expect(added).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: ' ACME.test ' } });
    fireEvent.click(section.getByRole('button', { name: 'Add domain' }));
    expect(await section.findByRole('article', { name: 'acme.test' })).toBeVisible();
    expect(added).toHaveBeenCalledTimes(1);
  });

  it('verifies a domain, and says why when the record is missing', async () => {
    const verified = jest.fn(() => ({
      data: { verifyAccountDomain: { ...pending, verified: true, verifiedBy: 'DNS' as const } },
    }));
    renderSecurity(true, [
      domainsMock([pending]),
      mockOf(VerifyAccountDomainDocument, {
        variables: { id: 'dom-1' },
        result: {
          errors: [
            new GraphQLError('No TXT record', {
              extensions: {
                code: 'BAD_USER_INPUT',
                reason: 'DOMAIN_RECORD_MISSING',
                fields: [{ field: 'id', message: 'No TXT record at _twofold.acme.test' }],
              },
            }),
          ],
        },
      }),
      mockOf(VerifyAccountDomainDocument, { variables: { id: 'dom-1' }, result: verified }),
    ]);
    const section = await domainsSection();
    const row = within(await section.findByRole('article', { name: 'acme.test' }));
    fireEvent.click(row.getByRole('button', { name: 'Verify acme.test' }));
    expect(await row.findByRole('alert')).toHaveTextContent(
      /The TXT record was not found, or holds another value/,
    );
    expect(row.getByText('Not verified')).toBeVisible();

    fireEvent.click(row.getByRole('button', { name: 'Verify acme.test' }));
    expect(await row.findByText('Verified')).toBeVisible();
    expect(verified).toHaveBeenCalledTimes(1);
    expect(row.queryByRole('alert')).toBeNull();
    expect(row.queryByText(pending.recordValue)).toBeNull();
  });

  it('removes a domain only once the owner confirms', async () => {
    const removed = jest.fn(() => ({ data: { removeAccountDomain: true } }));
    renderSecurity(true, [
      domainsMock([pending, proven]),
      mockOf(RemoveAccountDomainDocument, { variables: { id: 'dom-2' }, result: removed }),
    ]);
    const section = await domainsSection();
    fireEvent.click(await section.findByRole('button', { name: 'Remove acme.example' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Remove acme.example?' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(removed).not.toHaveBeenCalled();

    fireEvent.click(section.getByRole('button', { name: 'Remove acme.example' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Remove acme.example?' })).getByRole(
        'button',
        { name: 'Remove domain' },
      ),
    );
    await waitFor(() =>
      expect(section.queryByRole('article', { name: 'acme.example' })).toBeNull(),
    );
    expect(removed).toHaveBeenCalledTimes(1);
    expect(section.getByRole('article', { name: 'acme.test' })).toBeVisible();
  });
});
