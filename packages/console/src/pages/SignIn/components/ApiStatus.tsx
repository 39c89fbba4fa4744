import { useQuery } from '@apollo/client/react';
import { Group, Loader, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { ApiStatusDocument } from '@twofold/shared/graphql';
import { describeError } from '../../../lib/describe-error';

/** Tells whether the API answers, so a broken deployment is obvious before anyone signs in. */
export function ApiStatus() {
  const { data, error, loading } = useQuery(ApiStatusDocument, { fetchPolicy: 'network-only' });

  let line;
  if (loading) {
    line = (
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text>Checking the API…</Text>
      </Group>
    );
  } else if (error) {
    line = (
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon color="red" size={10} radius="xl" mt={7} aria-hidden />
        <Text c="red.8">The API is not reachable. {describeError(error)}</Text>
      </Group>
    );
  } else if (data) {
    line = (
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon color="teal" size={10} radius="xl" aria-hidden />
        <Text>API is reachable (version {data.apiInfo.version})</Text>
      </Group>
    );
  }

  return (
    <Paper component="section" aria-labelledby="api-status-heading" withBorder p="md">
      <Title id="api-status-heading" order={2} size="h4" mb="xs">
        API status
      </Title>
      <div role="status">{line}</div>
    </Paper>
  );
}
