import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { SecondFactorKind, UserOversightQuery } from '@twofold/shared/graphql';
import { formatDateTime, twoFactorMethodLabels } from '../../../lib/labels';
import { TwoFactorStatusBadge } from '../../Users/components/StatusBadges';
import type { FactorChoice } from '../../Users/useUsers';
import { Fact, type DetailUser } from './ProfileSection';

type Oversight = NonNullable<UserOversightQuery['user']>;
export type FactorInfo = NonNullable<Oversight['secondFactors']>[number];
type Lockout = NonNullable<Oversight['secondFactorLockout']>;

const factorTitles: Record<SecondFactorKind, string> = {
  AUTHENTICATOR_APP: 'Authenticator app',
  SMS: 'Text message (SMS)',
  PIN: 'PIN code (additional verification)',
  BACKUP_CODE: 'Backup codes',
  PASSKEY: 'Passkey',
};

/** How a factor is named inside a sentence ("Remove the text message number …"). */
export function factorChoice(factor: FactorInfo): FactorChoice {
  const names: Record<SecondFactorKind, string> = {
    AUTHENTICATOR_APP: 'the authenticator app',
    SMS: `the text message number${factor.label ? ` ${factor.label}` : ''}`,
    PIN: 'the PIN code',
    BACKUP_CODE: 'the backup codes',
    PASSKEY: `the passkey${factor.label ? ` “${factor.label}”` : ''}`,
  };
  return { id: factor.id, name: names[factor.kind] };
}

function Deadline({ user }: { user: DetailUser }) {
  if (!user.enrollmentDeadline) return null;
  const when = formatDateTime(user.enrollmentDeadline);
  return (
    <Fact label="Deadline">
      <Text size="sm">
        {user.twoFactorStatus === 'OVERDUE'
          ? `Passed on ${when}: they set it up at their next sign-in`
          : `Set up by ${when}`}
      </Text>
    </Fact>
  );
}

function LockoutNotice(props: { lockout: Lockout; onUnlock: (() => void) | null }) {
  const { lockout, onUnlock } = props;
  return (
    <Alert color="red" title="Locked out" role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {lockout.disabled
            ? `Second-factor codes are refused after ${lockout.failedAttempts} wrong codes in a row, until an administrator unlocks them.`
            : `${lockout.failedAttempts} wrong codes in a row: codes are refused until ${formatDateTime(lockout.lockedUntil ?? '')}.`}
        </Text>
        {onUnlock && (
          <Button size="sm" variant="light" color="red" onClick={onUnlock}>
            Unlock
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function FactorRow(props: { factor: FactorInfo; onRemove: (() => void) | null }) {
  const { factor, onRemove } = props;
  const titleId = `factor-${factor.id}`;
  return (
    <Group
      component="li"
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      py="xs"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} id={titleId}>
          {factorTitles[factor.kind]}
          {/* a passkey's name is the user's own words: quoted, so it reads as a name */}
          {factor.label
            ? factor.kind === 'PASSKEY'
              ? ` “${factor.label}”`
              : ` ${factor.label}`
            : ''}
          {factor.kind === 'BACKUP_CODE' && factor.unusedCodes !== null
            ? ` — ${factor.unusedCodes} left`
            : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {factor.kind === 'BACKUP_CODE' ? 'Issued' : 'Added'} {formatDateTime(factor.addedAt)}
        </Text>
        <Text size="sm" c="dimmed">
          {factor.lastUsedAt ? `Last used ${formatDateTime(factor.lastUsedAt)}` : 'No use recorded'}
        </Text>
      </Stack>
      {onRemove && (
        <Button
          size="sm"
          variant="subtle"
          color="red"
          onClick={onRemove}
          aria-describedby={titleId}
          style={{ flexShrink: 0 }}
        >
          Remove
        </Button>
      )}
    </Group>
  );
}

/**
 * The user's 2FA: status and deadline for everyone who sees the page; the factors with when they
 * were added and last used, the lockout, and the actions on them only for a viewer who may look
 * after the user (`oversight`).
 */
export function TwoFactorSection(props: {
  user: DetailUser;
  oversight: Pick<Oversight, 'secondFactors' | 'secondFactorLockout'> | null;
  actions: {
    unlock: () => void;
    reset: (factor: FactorInfo | null) => void;
  } | null;
}) {
  const { user, oversight, actions } = props;
  const factors = oversight?.secondFactors ?? null;
  const lockout = oversight?.secondFactorLockout ?? null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-two-factor-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="user-two-factor-title">
          Two-factor authentication
        </Title>
        <Group gap="lg" align="flex-start">
          <Fact label="Status">
            <TwoFactorStatusBadge status={user.twoFactorStatus} />
          </Fact>
          <Fact label="Rule">
            <Text size="sm">
              {user.requireTwoFactor
                ? 'Required for this user'
                : user.twoFactorRequired
                  ? 'Required for their user type'
                  : 'Not required'}
            </Text>
          </Fact>
          <Deadline user={user} />
        </Group>
        {lockout && <LockoutNotice lockout={lockout} onUnlock={actions?.unlock ?? null} />}
        {factors ? (
          factors.length > 0 ? (
            <Stack
              gap={0}
              component="ul"
              aria-label="Second factors"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {factors.map((factor) => (
                <FactorRow
                  key={factor.id}
                  factor={factor}
                  onRemove={actions ? () => actions.reset(factor) : null}
                />
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              No second factor set up.
            </Text>
          )
        ) : (
          <Group gap="lg" align="flex-start">
            <Fact label="Methods">
              <Text size="sm">
                {user.twoFactorMethods.length > 0
                  ? user.twoFactorMethods.map((method) => twoFactorMethodLabels[method]).join(', ')
                  : 'None set up'}
              </Text>
            </Fact>
            {user.twoFactorMethods.length > 0 && (
              <Fact label="Backup codes">
                <Text size="sm">{user.backupCodesRemaining} left</Text>
              </Fact>
            )}
          </Group>
        )}
        {actions && factors && (factors.length > 0 || lockout) && (
          <Group>
            <Button variant="light" color="red" onClick={() => actions.reset(null)}>
              Reset all second factors
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
