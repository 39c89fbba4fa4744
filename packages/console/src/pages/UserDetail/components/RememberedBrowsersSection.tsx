import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { UserOversightQuery } from '@twofold/shared/graphql';
import { formatDateTime } from '../../../lib/labels';

type Browsers = NonNullable<NonNullable<UserOversightQuery['user']>['rememberedBrowsers']>;

/**
 * The browsers that skip the user's second factor (docs/design.md, Remembered browsers): which,
 * since when, last used and until when; and a way to forget them all.
 */
export function RememberedBrowsersSection(props: {
  browsers: Browsers;
  onForgetAll: (() => void) | null;
}) {
  const { browsers, onForgetAll } = props;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-browsers-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} size="h3" id="user-browsers-title">
            Remembered browsers
          </Title>
          {onForgetAll && browsers.length > 0 && (
            <Button variant="light" color="red" onClick={onForgetAll}>
              Forget all
            </Button>
          )}
        </Group>
        {browsers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No browser skips their second factor.
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {browsers.map((browser) => (
              <li
                key={browser.id}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}
              >
                <Text size="sm" fw={600}>
                  {browser.browser}
                </Text>
                <Text size="sm" c="dimmed">
                  Remembered {formatDateTime(browser.createdAt)} · last used{' '}
                  {browser.lastUsedAt ? formatDateTime(browser.lastUsedAt) : 'not yet'} · expires{' '}
                  {formatDateTime(browser.expiresAt)}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
