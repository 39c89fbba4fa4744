import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { AppListDocument, type OwnTwoFactorQuery } from '@twofold/shared/graphql';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { platformLabels, twoFactorMethodLabels, twoFactorStatusLabels } from '../../../lib/labels';
import { paths } from '../../../session/paths';

/** How many apps the home page lists before "See all". */
const appsShown = 6;

type OwnTwoFactor = NonNullable<OwnTwoFactorQuery['viewer']>;

/** The home of App administrators, reviewers and report viewers: their apps and their own 2FA. */
export function MemberHome({ twoFactor }: { twoFactor: OwnTwoFactor | null | undefined }) {
  const apps = useQuery(AppListDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-labelledby="home-apps">
        <Title order={2} size="h3" id="home-apps" mb="sm">
          Your apps
        </Title>
        <QueryState
          query={apps}
          errorTitle="Could not load your apps"
          loadingLabel="Loading your apps"
          select={(data) => data.apps}
        >
          {(list) =>
            list.length === 0 ? (
              <Text c="dimmed">
                No apps are assigned to you yet. An administrator of the account assigns them.
              </Text>
            ) : (
              <Stack gap="xs">
                <List listStyleType="none" spacing="xs">
                  {list.slice(0, appsShown).map((app) => (
                    <List.Item key={app.id}>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor component={Link} to={paths.app.replace(':id', app.id)}>
                          {app.name}
                        </Anchor>
                        <Badge variant="light" size="sm" tt="none">
                          {platformLabels[app.platform]}
                        </Badge>
                      </Group>
                    </List.Item>
                  ))}
                </List>
                {list.length > appsShown && (
                  <Anchor component={Link} to={paths.apps} size="sm">
                    See all {list.length} apps
                  </Anchor>
                )}
              </Stack>
            )
          }
        </QueryState>
      </Paper>
      {twoFactor && (
        <Paper withBorder p="lg" component="section" aria-labelledby="home-two-factor">
          <Title order={2} size="h3" id="home-two-factor" mb="sm">
            Your two-factor authentication
          </Title>
          <Stack gap="xs" align="flex-start">
            <Group gap="xs">
              <Text>Status:</Text>
              <Badge variant="light" tt="none">
                {twoFactorStatusLabels[twoFactor.twoFactorStatus]}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {twoFactor.twoFactorMethods.length > 0
                ? `Set up: ${twoFactor.twoFactorMethods.map((m) => twoFactorMethodLabels[m]).join(', ')}.`
                : 'No method is set up.'}
            </Text>
            <Anchor component={Link} to={paths.profile} size="sm">
              Manage your methods and sessions
            </Anchor>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
