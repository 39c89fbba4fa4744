import { useApolloClient } from '@apollo/client/react';
import { Container, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { TwoFactorMethod } from '@twofold/shared/graphql';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { formatDateTime, twoFactorMethodLabels } from '../../lib/labels';
import { writeSession } from '../../session/cache';
import { useSession } from '../../session/useSession';
import { AuthenticatorSetup } from './components/AuthenticatorSetup';
import { BackupCodes } from './components/BackupCodes';
import { PinSetup } from './components/PinSetup';
import { SmsSetup } from './components/SmsSetup';
import type { Enrolled } from './useEnrollment';

/** ENROLLMENT: the account requires two-factor authentication; choose a method and set it up. */
export function TwoFactorSetupPage() {
  const client = useApolloClient();
  const { data } = useSession();
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [chosen, setChosen] = useState<TwoFactorMethod | null>(null);
  const session = data?.session;
  if (!session) return <PageLoader />;
  const methods = session.enrollment?.allowedMethods ?? ['AUTHENTICATOR_APP'];
  const method = chosen ?? methods[0] ?? 'AUTHENTICATOR_APP';
  // the new session (ACTIVE) re-routes: only once the backup codes were seen
  const finish = (done: Enrolled) => writeSession(client.cache, done.session);
  const onEnrolled = (done: Enrolled) => {
    if (done.backupCodes.length > 0) setEnrolled(done);
    else finish(done);
  };

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>Set up two-factor authentication</Title>
        {enrolled ? (
          <Paper withBorder p="lg">
            <BackupCodes codes={enrolled.backupCodes} onDone={() => finish(enrolled)} />
          </Paper>
        ) : (
          <>
            <Text>
              {session.user ? `${session.user.account.name} requires` : 'Your account requires'} a
              second factor before you can use the console.
              {session.enrollment?.deadline &&
                ` The deadline was ${formatDateTime(session.enrollment.deadline)}.`}
            </Text>
            {methods.length > 1 && (
              <SegmentedControl
                aria-label="Method"
                value={method}
                onChange={(value) => setChosen(value)}
                data={methods.map((m) => ({ value: m, label: twoFactorMethodLabels[m] }))}
              />
            )}
            <Paper withBorder p="lg">
              {method === 'AUTHENTICATOR_APP' && <AuthenticatorSetup onEnrolled={onEnrolled} />}
              {method === 'SMS' && <SmsSetup onEnrolled={onEnrolled} />}
              {method === 'PIN' && <PinSetup onEnrolled={onEnrolled} />}
            </Paper>
          </>
        )}
        <Group justify="flex-end">
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
