import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { ProfileSecurityQuery } from '@twofold/shared/graphql';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/labels';
import { useForgetRememberedBrowser, useForgetRememberedBrowsers } from '../useProfile';

type Browsers = NonNullable<NonNullable<ProfileSecurityQuery['viewer']>['rememberedBrowsers']>;

/**
 * The browsers that skip the second factor at sign-in (docs/design.md, Remembered browsers), and
 * a way to forget each, or all at once after a confirmation.
 */
export function RememberedBrowsersSection({ browsers }: { browsers: Browsers }) {
  const forget = useForgetRememberedBrowser();
  const forgetAll = useForgetRememberedBrowsers();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forgetOne = async (id: string) => {
    setError(null);
    const result = await forget.call(id);
    if (!result.ok) setError(result.error.message);
  };
  const forgetEvery = async () => {
    setError(null);
    const result = await forgetAll.call();
    setConfirming(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="remembered-browsers-title">
      <Group justify="space-between" align="center">
        <Title order={2} id="remembered-browsers-title">
          Remembered browsers
        </Title>
        {browsers.length > 0 && (
          <Button variant="light" color="red" onClick={() => setConfirming(true)}>
            Forget all
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {browsers.length === 0 ? (
        <Text size="sm" c="dimmed">
          No browser skips your second factor. Tick “Remember this browser” when you sign in to skip
          it on a computer of your own.
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Browser</Table.Th>
              <Table.Th visibleFrom="sm">Last used</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {browsers.map((browser) => (
              <Table.Tr key={browser.id}>
                <Table.Td style={{ width: '100%', maxWidth: 0 }}>
                  {/* on a phone the badge goes under the name: neither is cut */}
                  <Group gap={4} wrap="wrap">
                    <Text size="sm" lineClamp={2}>
                      {browser.browser}
                    </Text>
                    {browser.current && (
                      <Badge
                        variant="light"
                        tt="none"
                        styles={{
                          root: { maxWidth: 'none', flexShrink: 0 },
                          label: { overflow: 'visible' },
                        }}
                      >
                        This browser
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    Remembered {formatDateTime(browser.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm" miw={{ sm: 160 }}>
                  {browser.lastUsedAt ? formatDateTime(browser.lastUsedAt) : 'Not yet'}
                </Table.Td>
                <Table.Td miw={{ sm: 160 }}>{formatDateTime(browser.expiresAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={forget.loading}
                    onClick={() => void forgetOne(browser.id)}
                    aria-label={`Forget ${browser.browser}${browser.current ? ' (this browser)' : ''}`}
                  >
                    Forget
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Forget every remembered browser?"
      >
        <Stack gap="md">
          <Text size="sm">
            Each of them, this one included, will ask for your second factor at the next sign-in.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" loading={forgetAll.loading} onClick={() => void forgetEvery()}>
              Forget all
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
