import { MultiSelect } from '@mantine/core';
import type { UserAppChoicesQuery } from '@twofold/shared/graphql';

export type AppChoice = UserAppChoicesQuery['apps'][number];

/** The apps assigned to a user, chosen among the account's apps. */
export function AppsField(props: {
  apps: AppChoice[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <MultiSelect
      label="Apps"
      description={
        props.apps.length === 0
          ? 'The account has no apps yet.'
          : 'The apps this user works on. Administrators see every app anyway.'
      }
      placeholder={props.value.length === 0 ? 'No apps' : undefined}
      data={props.apps.map((app) => ({ value: app.id, label: app.name }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      searchable
      clearable
      disabled={props.apps.length === 0}
      nothingFoundMessage="No app by that name"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
