import { useQuery } from '@apollo/client/react';
import { Alert, Button, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { type UserRowFragment, UsersDocument, UsersViewerDocument } from '@twofold/shared/graphql';
import { useMediaQuery } from '@mantine/hooks';
import { useDeferredValue, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError, QueryState } from '../../components/QueryState';
import { twoFactorStatusLabels, userStatusLabels, userTypeLabels } from '../../lib/labels';
import { useCapabilities } from '../../lib/permissions';
import { type Total, totalText } from '../../lib/total-count';
import { EditUserDialog } from './components/EditUserDialog';
import { RevokeInvitationDialog, SendInvitationDialog } from './components/InvitationActions';
import { InviteUserDialog } from './components/InviteUserDialog';
import { ResetTwoFactorDialog } from './components/ResetTwoFactorDialog';
import {
  ReactivateDialog,
  RemoveDialog,
  ResendEnrollmentDialog,
  SuspendDialog,
} from './components/UserActionDialogs';
import { UserCards } from './components/UserCards';
import { UserFilters } from './components/UserFilters';
import { type UserAction, UsersTable } from './components/UsersTable';
import {
  exportHref,
  PAGE_SIZE,
  readView,
  toFilter,
  type UsersView,
  withFilter,
  withPage,
} from './filters';
import type { Viewer } from './rules';

/** Below Mantine's `md` breakpoint the table (960 px wide) no longer fits beside the navigation. */
const PHONE_LAYOUT = '(max-width: 61.99em)';

function countText(total: Total): string {
  return totalText(total, 'user', 'users');
}

/** "3 users — App reviewer, Grace period, matching “ann”": the caption says what is shown. */
function captionOf(count: Total, view: UsersView): string {
  const conditions = [
    view.userType ? userTypeLabels[view.userType] : null,
    view.twoFactorStatus
      ? `2FA ${twoFactorStatusLabels[view.twoFactorStatus].toLowerCase()}`
      : null,
    view.userStatus ? userStatusLabels[view.userStatus] : null,
    view.search.trim() ? `matching “${view.search.trim()}”` : null,
  ].filter((condition) => condition !== null);
  return conditions.length > 0
    ? `${countText(count)} — ${conditions.join(', ')}`
    : countText(count);
}

function ActionDialog(props: {
  action: UserAction;
  user: UserRowFragment;
  viewer: Viewer;
  onClose: () => void;
}) {
  const { action, user, viewer, onClose } = props;
  switch (action) {
    case 'edit':
      return <EditUserDialog user={user} onClose={onClose} />;
    case 'suspend':
      return <SuspendDialog user={user} onClose={onClose} />;
    case 'reactivate':
      return <ReactivateDialog user={user} onClose={onClose} />;
    case 'remove':
      return <RemoveDialog user={user} onClose={onClose} />;
    case 'reset':
      return <ResetTwoFactorDialog user={user} viewer={viewer} onClose={onClose} />;
    case 'resend':
      return <ResendEnrollmentDialog user={user} onClose={onClose} />;
    case 'sendInvitation':
      return <SendInvitationDialog user={user} onClose={onClose} />;
    case 'revokeInvitation':
      return <RevokeInvitationDialog user={user} onClose={onClose} />;
  }
}

function UsersList({ viewer }: { viewer: Viewer }) {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const { data, previousData, error, loading, refetch } = useQuery(UsersDocument, {
    variables: {
      filter: toFilter(view),
      first: PAGE_SIZE,
      ...(view.after ? { after: view.after } : {}),
    },
    fetchPolicy: 'cache-and-network',
  });
  // phones (and narrow windows, where the table would scroll sideways) get one card per user
  const narrow = useMediaQuery(PHONE_LAYOUT, false, { getInitialValueInEffect: false });
  const UsersView = narrow ? UserCards : UsersTable;
  const [inviting, setInviting] = useState(false);
  const [open, setOpen] = useState<{ action: UserAction; user: UserRowFragment } | null>(null);
  // the previous page stays on screen while the next one loads, so the layout does not jump; a
  // page of rows renders in the background, in slices, so a phone stays responsive meanwhile
  const users = useDeferredValue((data ?? previousData)?.users);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1}>Users</Title>
        <Group gap="sm">
          <Button
            component="a"
            href={exportHref(view)}
            download
            variant="default"
            title="Download every user these filters leave, as a CSV file"
          >
            Export CSV
          </Button>
          <Button onClick={() => setInviting(true)}>Invite user</Button>
        </Group>
      </Group>
      <Paper withBorder p="md">
        <UserFilters
          view={view}
          onChange={(name, value) =>
            // typing in the search box replaces the entry; choosing a filter is a step back to
            setParams(withFilter(params, name, value), { replace: name === 'search' })
          }
        />
      </Paper>
      {/* the previous page stays below a failed one, so this is not a QueryState */}
      {error && <QueryError title="Could not load the users" error={error} retry={refetch} />}
      {users ? (
        <Stack gap="sm">
          <Group gap="xs" aria-live="polite">
            <Text fw={600}>{countText(users)}</Text>
            {loading && <Loader size="xs" aria-label="Loading users" />}
          </Group>
          {users.nodes.length > 0 ? (
            <UsersView
              users={users.nodes}
              viewer={viewer}
              caption={captionOf(users, view)}
              onAction={(action, user) => setOpen({ action, user })}
            />
          ) : (
            <Paper withBorder p="lg">
              <Stack gap="xs" align="flex-start">
                <Text>No user matches these filters.</Text>
                <Button variant="light" onClick={() => setParams(new URLSearchParams())}>
                  Clear filters
                </Button>
              </Stack>
            </Paper>
          )}
          <Group gap="sm">
            <Button
              variant="default"
              disabled={!view.after}
              onClick={() => setParams(withPage(params, null))}
            >
              First page
            </Button>
            <Button
              variant="default"
              disabled={!users.pageInfo.hasNextPage || !users.pageInfo.endCursor}
              onClick={() => setParams(withPage(params, users.pageInfo.endCursor))}
            >
              Next page
            </Button>
          </Group>
        </Stack>
      ) : (
        !error && <PageLoader />
      )}
      {inviting && <InviteUserDialog onClose={() => setInviting(false)} />}
      {open && (
        <ActionDialog
          action={open.action}
          user={open.user}
          viewer={viewer}
          onClose={() => setOpen(null)}
        />
      )}
    </Stack>
  );
}

/** Owners and administrators list, invite, edit, suspend and remove users and reset their 2FA. */
export function UsersPage() {
  const viewerQuery = useQuery(UsersViewerDocument);
  const capabilities = useCapabilities();
  if (!capabilities) return <PageLoader />;
  return (
    <QueryState
      query={viewerQuery}
      errorTitle="Could not load your profile"
      select={(data) => data.viewer}
    >
      {(viewer) => (
        <Container size="xl" py="xl">
          {capabilities.manageUsers ? (
            <UsersList viewer={viewer} />
          ) : (
            <Stack gap="md">
              <Title order={1}>Users</Title>
              <Alert color="yellow" title="Not available">
                Only the account’s owners and administrators manage users.
              </Alert>
            </Stack>
          )}
        </Container>
      )}
    </QueryState>
  );
}
