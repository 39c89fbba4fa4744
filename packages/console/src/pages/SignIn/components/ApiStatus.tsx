import { useQuery } from '@apollo/client/react';
import { Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { ApiStatusDocument } from '@twofold/shared/graphql';
import { toApiError } from '../../../lib/api-error';

/** One small line telling whether the API answers, so a broken deployment is obvious. */
export function ApiStatus() {
  const { data, error, loading } = useQuery(ApiStatusDocument, { fetchPolicy: 'network-only' });

  let line;
  if (loading) {
    line = (
      <Group gap="xs">
        <Loader size={10} aria-hidden />
        <Text size="sm" c="dimmed">
          Checking the API…
        </Text>
      </Group>
    );
  } else if (error) {
    line = (
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon color="red" size={8} radius="xl" mt={6} aria-hidden />
        <Text size="sm" c="red.8">
          The API is not reachable. {toApiError(error).message}
        </Text>
      </Group>
    );
  } else if (data) {
    line = (
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon color="teal" size={8} radius="xl" aria-hidden />
        <Text size="sm" c="dimmed">
          API is reachable (version {data.apiInfo.version})
        </Text>
      </Group>
    );
  }

  return (
    <div role="status" aria-label="API status">
      {line}
    </div>
  );
}
