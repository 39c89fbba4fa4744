import { Badge, type MantineColor } from '@mantine/core';
import type { TwoFactorStatus, UserStatus } from '@twofold/shared/graphql';
import { twoFactorStatusLabels, userStatusLabels } from '../../../lib/labels';

const twoFactorColors: Record<TwoFactorStatus, MantineColor> = {
  NOT_REQUIRED: 'gray',
  OPTIONAL_OFF: 'blue',
  AWAITING_FIRST_SIGN_IN: 'indigo',
  GRACE: 'yellow',
  ENROLLED: 'green',
  OVERDUE: 'orange',
  LOCKED: 'red',
};

const userStatusColors: Record<UserStatus, MantineColor> = {
  INVITED: 'blue',
  ACTIVE: 'green',
  SUSPENDED: 'red',
};

/**
 * A word on a light tint of its colour, with a dot of the colour: the dot variant keeps the text
 * black (AA on every tint), where Mantine's green, yellow and orange text would fall below 4.5:1.
 */
function TintedBadge({ color, label }: { color: MantineColor; label: string }) {
  return (
    <Badge
      variant="dot"
      color={color}
      tt="none"
      // never cut to "ENROLL…": a narrow column wraps around the badge instead
      styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}
      style={{ backgroundColor: `var(--mantine-color-${color}-light)` }}
    >
      {label}
    </Badge>
  );
}

export function TwoFactorStatusBadge({ status }: { status: TwoFactorStatus }) {
  return <TintedBadge color={twoFactorColors[status]} label={twoFactorStatusLabels[status]} />;
}

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return <TintedBadge color={userStatusColors[status]} label={userStatusLabels[status]} />;
}
