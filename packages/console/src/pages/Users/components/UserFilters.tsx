import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { limits } from '@twofold/shared';
import { useEffect, useRef, useState } from 'react';
import { twoFactorStatusLabels, userStatusLabels, userTypeLabels } from '../../../lib/labels';
import type { FilterName, UsersView } from '../filters';

/** How long typing pauses before the search runs (and lands in the URL). */
export const SEARCH_DELAY_MS = 300;

const typeOptions = [
  { value: '', label: 'All user types' },
  ...Object.entries(userTypeLabels).map(([value, label]) => ({ value, label })),
];

const statusOptions = [
  { value: '', label: 'Any 2FA status' },
  ...Object.entries(twoFactorStatusLabels).map(([value, label]) => ({ value, label })),
];

const userStatusOptions = [
  { value: '', label: 'Any account status' },
  ...Object.entries(userStatusLabels).map(([value, label]) => ({ value, label })),
];

/** User type, 2FA status, account status (invited, active, suspended) and a search box; the page keeps them all in the URL. */
export function UserFilters(props: {
  view: UsersView;
  onChange: (name: FilterName, value: string) => void;
}) {
  const { view, onChange } = props;
  const [search, setSearch] = useState(view.search);
  // the URL's search changes under the box when the user goes back or follows a link; what the
  // box itself wrote must not overwrite what was typed since
  const written = useRef(view.search);
  useEffect(() => {
    if (view.search !== written.current) {
      written.current = view.search;
      setSearch(view.search);
    }
  }, [view.search]);
  const writeSearch = useDebouncedCallback((value: string) => {
    written.current = value;
    onChange('search', value);
  }, SEARCH_DELAY_MS);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <NativeSelect
        label="User type"
        data={typeOptions}
        value={view.userType ?? ''}
        onChange={(event) => onChange('type', event.currentTarget.value)}
      />
      <NativeSelect
        label="2FA status"
        data={statusOptions}
        value={view.twoFactorStatus ?? ''}
        onChange={(event) => onChange('status', event.currentTarget.value)}
      />
      <NativeSelect
        label="Account status"
        data={userStatusOptions}
        value={view.userStatus ?? ''}
        onChange={(event) => onChange('userStatus', event.currentTarget.value)}
      />
      <TextInput
        label="Search"
        type="search"
        placeholder="Name or email starts with…"
        maxLength={limits.searchMax}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          writeSearch(event.currentTarget.value);
        }}
        w={260}
      />
    </Group>
  );
}
