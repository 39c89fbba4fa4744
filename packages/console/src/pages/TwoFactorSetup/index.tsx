import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Container,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { AllowedMethodsDocument, type TwoFactorMethod } from '@twofold/shared/graphql';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { paths } from '../../session/paths';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import {
  formatDateTime,
  secondFactorKindLabels,
  shortSecondFactorLabels,
  twoFactorMethodLabels,
} from '../../lib/labels';
import { ShortLabel } from '../../components/ShortLabel';
import { writeSession } from '../../session/cache';
import { useSession } from '../../session/useSession';
import { AuthenticatorSetup } from './components/AuthenticatorSetup';
import { BackupCodes } from './components/BackupCodes';
import { PasskeySetup } from './components/PasskeySetup';
import { PinSetup } from './components/PinSetup';
import { SmsSetup } from './components/SmsSetup';
import type { Enrolled } from './useEnrollment';

/** ENROLLMENT: the account requires two-factor authentication; choose a method and set it up. */
export function TwoFactorSetupPage() {
  const client = useApolloClient();
  const [finished, setFinished] = useState(false);
  // optional 2FA (no requirement in the session): the methods the type allows, not yet held
  const viewer = useQuery(AllowedMethodsDocument).data?.viewer;
  const allowed = viewer?.allowedTwoFactorMethods.filter(
    (m) => !viewer.twoFactorMethods.includes(m),
  );
  const { data } = useSession();
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [chosen, setChosen] = useState<TwoFactorMethod | null>(null);
  const [leaving, setLeaving] = useState(false);
  // where the page goes once the new session is in: home, or the profile when left early
  const [next, setNext] = useState<string>(paths.home);
  const [params] = useSearchParams();
  const session = data?.session;
  // the codes are shown once: closing or reloading the tab before "Continue" asks first
  useEffect(() => {
    if (!enrolled) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [enrolled]);
  if (!session) return <PageLoader />;
  // from a grace period (already ACTIVE) the gate keeps this page: go home once the new session
  // is what the gates see
  if (finished && session.stage === 'ACTIVE') return <Navigate to={next} replace />;
  // in the server's order: the authenticator app stays the default, a passkey one choice away
  const methods = session.enrollment?.allowedMethods ?? allowed ?? ['AUTHENTICATOR_APP'];
  // the profile's "Add a method" links name the method to start with
  const asked = methods.find((m) => m === params.get('method'));
  const method = chosen ?? asked ?? methods[0] ?? 'AUTHENTICATOR_APP';
  // the new session (ACTIVE) re-routes: only once the backup codes were seen
  const finish = (done: Enrolled) => {
    writeSession(client.cache, done.session);
    setFinished(true);
  };

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
              {session.stage === 'ACTIVE'
                ? 'Protect your sign-in with a second factor.'
                : `${session.user?.account.name ?? 'Your account'} requires a second factor before you can use the console.`}
              {session.enrollment?.deadline &&
                (session.stage === 'ACTIVE'
                  ? ` Set it up before ${formatDateTime(session.enrollment.deadline)}.`
                  : // a first sign-in never reads of a deadline already past: it had no chance
                    session.enrollment.deadlineMissed &&
                    ` The deadline was ${formatDateTime(session.enrollment.deadline)}.`)}
            </Text>
            {methods.length > 1 && (
              <SegmentedControl
                aria-label="Method"
                value={method}
                onChange={(value) => setChosen(value)}
                data={methods.map((m) => ({
                  value: m,
                  label: (
                    // "PIN code (additional verification)" is too long for one row beside the
                    // others: the qualifier stays in the name and on the PIN's own input
                    <ShortLabel
                      full={twoFactorMethodLabels[m]}
                      wide={secondFactorKindLabels[m]}
                      short={shortSecondFactorLabels[m]}
                    />
                  ),
                }))}
              />
            )}
            <Paper withBorder p="lg">
              {method === 'AUTHENTICATOR_APP' && <AuthenticatorSetup onEnrolled={onEnrolled} />}
              {method === 'SMS' && <SmsSetup onEnrolled={onEnrolled} />}
              {method === 'PIN' && <PinSetup onEnrolled={onEnrolled} />}
              {method === 'PASSKEY' && <PasskeySetup onEnrolled={onEnrolled} />}
            </Paper>
          </>
        )}
        {leaving && enrolled && (
          <Alert color="yellow" role="alert" title="Your backup codes will not be shown again">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">
                Leave only once you have saved them: each signs you in once if you lose your second
                factor.
              </Text>
              <Group gap="xs">
                <Button
                  // light yellow on the yellow alert falls below 4.5:1
                  color="red"
                  onClick={() => {
                    // the new session (ACTIVE) first, then the profile: navigating before it is
                    // written would race this page's own way home
                    setNext(paths.profile);
                    finish(enrolled);
                  }}
                >
                  Leave without them
                </Button>
                <Button variant="default" onClick={() => setLeaving(false)}>
                  Stay
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          {enrolled ? (
            <Button variant="default" onClick={() => setLeaving(true)}>
              Your profile
            </Button>
          ) : (
            <Button component={Link} to={paths.profile} variant="default">
              Your profile
            </Button>
          )}
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
