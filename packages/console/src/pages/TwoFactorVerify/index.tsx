import { Checkbox, Container, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import type { SecondFactorKind } from '@twofold/shared/graphql';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { secondFactorKindLabels, shortSecondFactorLabels } from '../../lib/labels';
import { ShortLabel } from '../../components/ShortLabel';
import { useCountdown } from '../../lib/use-countdown';
import { useSession } from '../../session/useSession';
import { CodeForm } from './components/CodeForm';
import { PasskeyForm } from './components/PasskeyForm';
import { SendSmsButton } from './components/SendSmsButton';

/** SECOND_FACTOR: the password was right; one of the profile's methods confirms it is them. */
export function TwoFactorVerifyPage() {
  const { data } = useSession();
  // the lockout holds for every method of the profile: one countdown for all tabs
  const lockout = useCountdown();
  // one choice for every method: it goes with whichever factor confirms the sign-in
  const [rememberBrowser, setRememberBrowser] = useState(false);
  const session = data?.session;
  if (!session) return <PageLoader />;
  // a passkey resists phishing and needs nothing typed: the first choice when the profile has one
  const kinds = [...session.availableSecondFactors].sort(
    (a, b) => Number(b === 'PASSKEY') - Number(a === 'PASSKEY'),
  );
  const first: SecondFactorKind | undefined = kinds[0];
  const days = session.rememberBrowserDays;
  // the type may stop remembering browsers while the page is open: ticked then means nothing
  const remember = days > 0 && rememberBrowser;

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>Verification is required</Title>
        <Text>
          {session.user
            ? `Confirm it is you, ${session.user.displayName}, with your second factor.`
            : 'Confirm it is you with your second factor.'}
        </Text>
        <Paper withBorder p="lg">
          {first ? (
            <Tabs defaultValue={first} keepMounted={false}>
              <Tabs.List>
                {kinds.map((kind) => (
                  <Tabs.Tab key={kind} value={kind}>
                    <ShortLabel
                      full={
                        kind === 'BACKUP_CODE'
                          ? 'Use a backup code'
                          : kind === 'PASSKEY'
                            ? 'Use a passkey'
                            : secondFactorKindLabels[kind]
                      }
                      short={shortSecondFactorLabels[kind]}
                    />
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {kinds.map((kind) => (
                <Tabs.Panel key={kind} value={kind} pt="md">
                  <Stack gap="md">
                    {kind === 'SMS' && <SendSmsButton />}
                    {kind === 'PASSKEY' ? (
                      <PasskeyForm lockout={lockout} rememberBrowser={remember} />
                    ) : (
                      <CodeForm kind={kind} lockout={lockout} rememberBrowser={remember} />
                    )}
                  </Stack>
                </Tabs.Panel>
              ))}
            </Tabs>
          ) : (
            <Text>
              No second factor can be used: ask an administrator of your account to reset it.
            </Text>
          )}
          {first && days > 0 && (
            <Checkbox
              mt="md"
              label={`Remember this browser for ${days} ${days === 1 ? 'day' : 'days'}`}
              description="It will not ask for a second factor here until then. Leave it unticked on a shared computer."
              checked={rememberBrowser}
              onChange={(event) => setRememberBrowser(event.currentTarget.checked)}
            />
          )}
        </Paper>
        {kinds.some((kind) => kind === 'AUTHENTICATOR_APP' || kind === 'SMS') && (
          <Text size="sm" c="dimmed">
            Lost your phone? Ask an administrator of your account for an enrollment link.
          </Text>
        )}
        <Group justify="flex-end">
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
