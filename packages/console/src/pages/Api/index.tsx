import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { Alert, Anchor, Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import { GraphiQL } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { useEffect, useState } from 'react';

const schemaUrl = '/schema.graphql';

const welcome = `# Runs with your session and role.
# Run: the ▶ button or Ctrl+Enter.
# Every field is described under Docs.
{
  viewer {
    displayName
  }
}
`;

/** Runs operations against /graphql with the session cookie, as the console itself does. */
async function fetcher(params: {
  query: string;
  variables?: unknown;
  operationName?: string | null;
}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

/**
 * The API explorer for frontend teams: GraphiQL on this account's API, with the SDL from the
 * server (so it works when public introspection is off) and a link to download it.
 */
export function ApiPage() {
  const [schema, setSchema] = useState<GraphQLSchema | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch(schemaUrl, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok)
          throw new Error(`The schema could not be loaded (HTTP ${response.status}).`);
        const built = buildSchema(await response.text());
        if (live) setSchema(built);
      })
      .catch((cause: unknown) => {
        if (live)
          setError(cause instanceof Error ? cause.message : 'The schema could not be loaded.');
      });
    return () => {
      live = false;
    };
  }, []);

  return (
    <Container fluid py="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={1}>API explorer</Title>
            <Text c="dimmed">
              Try the GraphQL API your apps and tools call, with your session. API clients sign in
              with <code>signIn(transport: BEARER)</code> and send{' '}
              <code>Authorization: Bearer</code>.
            </Text>
          </Stack>
          <Anchor href={schemaUrl} download="twofold.graphql">
            Download the schema (SDL)
          </Anchor>
        </Group>
        {error && (
          <Alert color="red" title="The API explorer could not start">
            {error}
          </Alert>
        )}
        {schema && (
          <Box
            h="calc(100vh - 220px)"
            mih={520}
            style={{ border: '1px solid var(--mantine-color-default-border)' }}
          >
            <GraphiQL
              fetcher={fetcher}
              schema={schema}
              initialQuery={welcome}
              defaultEditorToolsVisibility={false}
              isHeadersEditorEnabled={false}
              forcedTheme="light"
            >
              {/* GraphiQL's own logo is light grey on grey (below 4.5:1) */}
              <GraphiQL.Logo>
                <Text component="span" fw={600} c="dark.9">
                  Twofold API
                </Text>
              </GraphiQL.Logo>
            </GraphiQL>
          </Box>
        )}
      </Stack>
    </Container>
  );
}
