import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IdentityProvidersDocument,
  type IdentityProviderFieldsFragment,
} from '@twofold/shared/graphql';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { leaveConsole } from '../../../lib/leave-console';
import { providerTwoFactorPolicyLabels, userTypeLabels } from '../../../lib/labels';
import { useTestIdentityProvider } from '../useIdentityProviders';
import { AddProviderDialog, EditProviderDialog, RemoveProviderDialog } from './ProviderDialogs';
import { TestedProviderAlert } from './TestedProviderAlert';

type Provider = IdentityProviderFieldsFragment;

type Dialog =
  { kind: 'add' } | { kind: 'edit'; provider: Provider } | { kind: 'remove'; provider: Provider };

function SecondFactorRule({ provider }: { provider: Provider }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{providerTwoFactorPolicyLabels[provider.twoFactorPolicy]}</Text>
      {provider.twoFactorPolicy === 'TRUST_PROVIDER' && provider.trustedAcrValues.length > 0 && (
        <Text size="xs" c="dimmed">
          Trusted acr: {provider.trustedAcrValues.join(', ')}
        </Text>
      )}
      {provider.twoFactorPolicy !== 'REQUIRE_TWOFOLD' && (
        <Text size="xs" c="dimmed">
          {provider.waiverUserTypes.length === 0
            ? 'Spares no user type yet'
            : `For: ${provider.waiverUserTypes.map((type) => userTypeLabels[type]).join(', ')}`}
          {provider.maxAgeSeconds !== null &&
            provider.maxAgeSeconds !== undefined &&
            `; sign-in within ${provider.maxAgeSeconds} s`}
        </Text>
      )}
    </Stack>
  );
}

function RedirectUri({ uri }: { uri: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm">Register this redirect URI at the provider:</Text>
      <Group gap="xs">
        <Code fz="sm" data-testid="redirect-uri">
          {uri}
        </Code>
        <CopyButton value={uri}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy redirect URI'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * The account's OpenID Connect providers: owners add, change, test and remove them;
 * administrators read them.
 */
export function IdentityProvidersCard({ editable }: { editable: boolean }) {
  const providersQuery = useQuery(IdentityProvidersDocument);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const test = useTestIdentityProvider();
  const providers = providersQuery.data?.identityProviders;

  const startTest = async (provider: Provider) => {
    setTestError(null);
    setTesting(provider.id);
    const result = await test.call(provider.id);
    if (result.ok) {
      // the window leaves for the provider, which sends it back to this page
      leaveConsole(result.data);
      return;
    }
    setTesting(null);
    setTestError(result.error.message);
  };

  const table = (providers: Provider[]) =>
    providers.length === 0 ? (
      <Text size="sm">No identity provider yet.</Text>
    ) : (
      <Table.ScrollContainer minWidth={editable ? 960 : 720}>
        <Table verticalSpacing="sm" aria-label="Identity providers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Issuer URL</Table.Th>
              <Table.Th scope="col">Client ID</Table.Th>
              <Table.Th scope="col">Allowed domains</Table.Th>
              <Table.Th scope="col">Second factor</Table.Th>
              {editable && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {providers.map((provider) => (
              <Table.Tr key={provider.id}>
                <Table.Th scope="row" fw={500}>
                  {provider.displayName}
                </Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>{provider.issuerUrl}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{provider.clientId}</Table.Td>
                <Table.Td>
                  {provider.allowedEmailDomains.length > 0
                    ? provider.allowedEmailDomains.join(', ')
                    : 'Any domain'}
                </Table.Td>
                <Table.Td>
                  <SecondFactorRule provider={provider} />
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Test sign-in with ${provider.displayName}`}
                        loading={test.loading && testing === provider.id}
                        onClick={() => void startTest(provider)}
                      >
                        Test sign-in
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Edit ${provider.displayName}`}
                        onClick={() => setDialog({ kind: 'edit', provider })}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={`Remove ${provider.displayName}`}
                        onClick={() => setDialog({ kind: 'remove', provider })}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  const redirectUri = providers?.[0]?.redirectUri ?? `${window.location.origin}/oidc/callback`;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="identity-providers-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="identity-providers-heading">
          Identity providers
        </Title>
        <TestedProviderAlert
          providerName={(id) => providers?.find((provider) => provider.id === id)?.displayName}
        />
        <Text size="sm">
          Users can sign in with the account’s OpenID Connect provider instead of a password. Each
          provider decides whether Twofold still asks for its second factor.
        </Text>
        {!editable && (
          <Text size="sm" c="dimmed">
            Only the account owner can add, change, test or remove identity providers.
          </Text>
        )}
        <RedirectUri uri={redirectUri} />
        {testError && (
          <Alert color="red" role="alert" title="The test sign-in could not start">
            {testError}
          </Alert>
        )}
        <QueryState
          query={providersQuery}
          errorTitle="The identity providers could not be loaded"
          loadingLabel="Loading the identity providers"
          select={(data) => data.identityProviders}
        >
          {table}
        </QueryState>
        {editable && providers && (
          <Group>
            <Button onClick={() => setDialog({ kind: 'add' })}>Add identity provider</Button>
          </Group>
        )}
      </Stack>
      {dialog?.kind === 'add' && <AddProviderDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <EditProviderDialog provider={dialog.provider} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveProviderDialog provider={dialog.provider} onClose={() => setDialog(null)} />
      )}
    </Paper>
  );
}
