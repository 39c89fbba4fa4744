import { useQuery } from '@apollo/client/react';
import { Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type SecuritySettingsQuery, SecuritySettingsDocument } from '@twofold/shared/graphql';
import { PageLoader } from '../../components/PageLoader';
import { QueryState } from '../../components/QueryState';
import { type Capabilities, useCapabilities } from '../../lib/permissions';
import { DomainsCard } from './components/DomainsCard';
import { IdentityProvidersCard } from './components/IdentityProvidersCard';
import { PolicyCard } from './components/PolicyCard';
import { SmsCountriesCard } from './components/SmsCountriesCard';

/** Owners set the 2FA rule of each user type; administrators read them (docs/design.md, Permissions). */
export function SecurityPage() {
  const settings = useQuery(SecuritySettingsDocument);
  const capabilities = useCapabilities();
  if (!capabilities) return <PageLoader />;
  return (
    <QueryState query={settings} errorTitle="The security settings could not be loaded">
      {(data) => <SecuritySettings data={data} capabilities={capabilities} />}
    </QueryState>
  );
}

function SecuritySettings({
  data,
  capabilities,
}: {
  data: SecuritySettingsQuery;
  capabilities: Capabilities;
}) {
  const editable = capabilities.writePolicies;
  const { account } = data;
  // an empty list allows no country: no type can offer SMS then
  const smsCountryAllowed = account.allowAllSmsCountries || account.allowedSmsCountries.length > 0;
  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Security</Title>
          <Text c="dimmed">
            {editable
              ? 'Decide for each user type whether two-factor authentication is off, optional or required, and with which methods.'
              : 'The two-factor rules of each user type. Only the account owner can change them.'}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {data.securityPolicies.map((policy) => (
            <PolicyCard
              key={`${policy.userType}:${policy.updatedAt}`}
              policy={policy}
              editable={editable}
              smsCountryAllowed={smsCountryAllowed}
            />
          ))}
        </SimpleGrid>
        <SmsCountriesCard
          key={`${String(account.allowAllSmsCountries)}:${account.allowedSmsCountries.join(',')}`}
          countries={account.allowedSmsCountries}
          allowAll={account.allowAllSmsCountries}
          editable={editable}
        />
        <IdentityProvidersCard editable={capabilities.manageIdentityProviders} />
        <DomainsCard editable={capabilities.manageIdentityProviders} />
      </Stack>
    </Container>
  );
}
