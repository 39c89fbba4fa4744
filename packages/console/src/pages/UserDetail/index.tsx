import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { ErrorCode } from '@twofold/shared';
import {
  UserDetailDocument,
  UserOversightDocument,
  UsersViewerDocument,
} from '@twofold/shared/graphql';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryState } from '../../components/QueryState';
import { toApiError } from '../../lib/api-error';
import { paths } from '../../session/paths';
import { EditUserDialog } from '../Users/components/EditUserDialog';
import { ResetTwoFactorDialog } from '../Users/components/ResetTwoFactorDialog';
import { UserStatusBadge } from '../Users/components/StatusBadges';
import {
  ReactivateDialog,
  RemoveDialog,
  ResendEnrollmentDialog,
  SuspendDialog,
} from '../Users/components/UserActionDialogs';
import { refusalFor, type Viewer } from '../Users/rules';
import { ActivitySection } from './components/ActivitySection';
import { type DetailUser, ProfileSection } from './components/ProfileSection';
import { SessionsSection } from './components/SessionsSection';
import { factorChoice, type FactorInfo, TwoFactorSection } from './components/TwoFactorSection';
import { RememberedBrowsersSection } from './components/RememberedBrowsersSection';
import { EndSessionsDialog, ForgetBrowsersDialog, UnlockDialog } from './components/UserDialogs';

type Open =
  | { kind: 'edit' | 'suspend' | 'reactivate' | 'remove' | 'resend' | 'unlock' }
  | { kind: 'reset'; factor: FactorInfo | null }
  | { kind: 'endSessions' | 'forgetBrowsers'; count: number };

function BackToUsers() {
  return (
    <Anchor component={Link} to={paths.users} size="sm">
      ← All users
    </Anchor>
  );
}

/** A missing id, another account's user, or one removed meanwhile: all read the same. */
function NotFound({ message }: { message: string | null }) {
  return (
    <Container size="lg" py="xl">
      <Stack gap="md" align="flex-start">
        <BackToUsers />
        <Title order={1}>{message ? 'Could not load the user' : 'User not found'}</Title>
        <Alert color={message ? 'red' : 'gray'} w="100%">
          {message ??
            'There is no such user in this account. They may have been removed, or the link is wrong.'}
        </Alert>
      </Stack>
    </Container>
  );
}

function Dialog(props: {
  open: Open;
  user: DetailUser;
  viewer: Viewer;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { open, user, viewer, onClose, onRemoved } = props;
  switch (open.kind) {
    case 'edit':
      return <EditUserDialog user={user} onClose={onClose} />;
    case 'suspend':
      return <SuspendDialog user={user} onClose={onClose} />;
    case 'reactivate':
      return <ReactivateDialog user={user} onClose={onClose} />;
    case 'remove':
      return <RemoveDialog user={user} onClose={onClose} onRemoved={onRemoved} />;
    case 'resend':
      return <ResendEnrollmentDialog user={user} onClose={onClose} />;
    case 'unlock':
      return <UnlockDialog user={user} onClose={onClose} />;
    case 'endSessions':
      return <EndSessionsDialog user={user} count={open.count} onClose={onClose} />;
    case 'forgetBrowsers':
      return <ForgetBrowsersDialog user={user} count={open.count} onClose={onClose} />;
    case 'reset':
      return (
        <ResetTwoFactorDialog
          user={user}
          viewer={viewer}
          factor={open.factor ? factorChoice(open.factor) : null}
          onClose={onClose}
        />
      );
  }
}

/** Why the page offers no action, in a sentence with the way to go instead. */
function Refusal({ refusal }: { refusal: 'SELF' | 'OWNER' }) {
  return refusal === 'SELF' ? (
    <Alert color="blue" title="This is you">
      <Text size="sm">
        Change your own profile, second factors and sessions on{' '}
        <Anchor component={Link} to={paths.profile} size="sm">
          your profile page
        </Anchor>
        .
      </Text>
    </Alert>
  ) : (
    <Alert color="gray" title="Only an owner changes an owner">
      <Text size="sm">
        You can see this owner’s profile; their second factors, sessions and activity, and the
        actions on them, are for owners.
      </Text>
    </Alert>
  );
}

function UserPage({ user, viewer }: { user: DetailUser; viewer: Viewer }) {
  const navigate = useNavigate();
  const refusal = refusalFor(viewer, user);
  const oversight = useQuery(UserOversightDocument, {
    variables: { id: user.id },
    // a viewer who may not look after this user asks for nothing the server would refuse
    skip: refusal !== null,
    fetchPolicy: 'cache-and-network',
  });
  const [open, setOpen] = useState<Open | null>(null);
  const act = (next: Open) => () => setOpen(next);
  const details = oversight.data?.user ?? null;

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Stack gap="xs" align="flex-start">
          <BackToUsers />
          <Group gap="sm" align="center">
            <Title order={1}>{user.displayName}</Title>
            {user.isOwner && (
              <Badge variant="filled" color="indigo">
                Owner
              </Badge>
            )}
            {user.status !== 'ACTIVE' && <UserStatusBadge status={user.status} />}
          </Group>
          <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Text>
        </Stack>

        {refusal ? (
          <Refusal refusal={refusal} />
        ) : (
          <Group gap="sm" aria-label="Actions" role="group">
            <Button variant="default" onClick={act({ kind: 'edit' })}>
              Edit
            </Button>
            {user.status === 'ACTIVE' && (
              <Button variant="default" onClick={act({ kind: 'resend' })}>
                Re-send enrollment link
              </Button>
            )}
            {user.status === 'ACTIVE' && (
              <Button variant="default" onClick={act({ kind: 'suspend' })}>
                Suspend
              </Button>
            )}
            {user.status === 'SUSPENDED' && (
              <Button variant="default" onClick={act({ kind: 'reactivate' })}>
                Reactivate
              </Button>
            )}
            <Button variant="light" color="red" onClick={act({ kind: 'remove' })}>
              Remove user
            </Button>
          </Group>
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ProfileSection user={user} />
          <TwoFactorSection
            user={user}
            oversight={details}
            actions={
              refusal || !details
                ? null
                : {
                    unlock: act({ kind: 'unlock' }),
                    reset: (factor) => setOpen({ kind: 'reset', factor }),
                  }
            }
          />
        </SimpleGrid>
        {/* an invited user's invitation will have its own section here */}
        {!refusal && (
          <QueryState
            query={oversight}
            errorTitle="Could not load their sessions, browsers and activity"
            loadingLabel="Loading their sessions and activity"
            select={(data) => data.user}
          >
            {(found) => (
              <Stack gap="lg">
                <SessionsSection
                  sessions={found.sessions ?? []}
                  onEndAll={act({ kind: 'endSessions', count: found.sessions?.length ?? 0 })}
                />
                <RememberedBrowsersSection
                  browsers={found.rememberedBrowsers ?? []}
                  onForgetAll={act({
                    kind: 'forgetBrowsers',
                    count: found.rememberedBrowsers?.length ?? 0,
                  })}
                />
                <ActivitySection userId={user.id} events={found.securityActivity ?? []} />
              </Stack>
            )}
          </QueryState>
        )}
      </Stack>
      {open && (
        <Dialog
          open={open}
          user={user}
          viewer={viewer}
          onClose={() => setOpen(null)}
          onRemoved={() => void navigate(paths.users)}
        />
      )}
    </Container>
  );
}

/**
 * One user (docs/design.md, Daily administration): who they are, their 2FA with each factor, their
 * sessions and recent security activity, and every action an owner or administrator may take on
 * them; a profile of the viewer's own login, or an owner seen by an administrator, shows without
 * those.
 */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const viewerQuery = useQuery(UsersViewerDocument);
  const { data, error } = useQuery(UserDetailDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const user = data?.user;
  if (error && !user) {
    const apiError = toApiError(error);
    return <NotFound message={apiError.code === ErrorCode.NOT_FOUND ? null : apiError.message} />;
  }
  if (!user) return <PageLoader />;
  return (
    <QueryState
      query={viewerQuery}
      errorTitle="Could not load your profile"
      select={(viewerData) => viewerData.viewer}
    >
      {(viewer) => <UserPage user={user} viewer={viewer} />}
    </QueryState>
  );
}
