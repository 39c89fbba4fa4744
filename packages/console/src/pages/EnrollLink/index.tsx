import { useApolloClient } from '@apollo/client/react';
import { Alert, Anchor, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { paths } from '../../session/paths';
import { writeSession } from '../../session/cache';
import { AuthenticatorSetup } from '../TwoFactorSetup/components/AuthenticatorSetup';
import { BackupCodes } from '../TwoFactorSetup/components/BackupCodes';
import type { Enrolled } from '../TwoFactorSetup/useEnrollment';

/**
 * `/enroll/:token`: an administrator's enrollment link, opened after the password — also by a
 * user who lost their phone and sits at SECOND_FACTOR. The old app keeps working until the new
 * one's first code confirms it.
 */
export function EnrollLinkPage() {
  const client = useApolloClient();
  const { token = '' } = useParams();
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [done, setDone] = useState(false);
  const finish = (outcome: Enrolled) => {
    writeSession(client.cache, outcome.session);
    setDone(true);
  };

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>Link a new authenticator app</Title>
        {done ? (
          <Alert color="green" title="Your new authenticator app is linked">
            The previous one no longer works.{' '}
            <Anchor component={Link} to={paths.home}>
              Continue
            </Anchor>
          </Alert>
        ) : enrolled ? (
          <Paper withBorder p="lg">
            <BackupCodes codes={enrolled.backupCodes} onDone={() => finish(enrolled)} />
          </Paper>
        ) : (
          <>
            <Text>
              An administrator sent you this link to replace your authenticator app, for example
              after losing your phone. It works once.
            </Text>
            <Paper withBorder p="lg">
              <AuthenticatorSetup
                linkToken={token}
                onEnrolled={(outcome) =>
                  outcome.backupCodes.length > 0 ? setEnrolled(outcome) : finish(outcome)
                }
              />
            </Paper>
          </>
        )}
      </Stack>
    </Container>
  );
}
