import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { type AppListQuery, RemoveAppDocument, UpdateAppDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { useApiCall } from '../../lib/use-api-mutation';
import type { AppFormOutput } from '../Apps/components/AppForm';

/** Changes an app's settings; the answer carries every shown field, so the cache follows. */
export function useUpdateApp(id: string) {
  const [mutate] = useMutation(UpdateAppDocument);
  const run = useCallback(
    async (input: Partial<AppFormOutput>) => {
      const { data } = await mutate({ variables: { id, input } });
      if (!data) throw new Error('The server sent no answer.');
      notifications.show({ color: 'green', message: `${data.updateApp.name} was saved.` });
      return data.updateApp;
    },
    [mutate, id],
  );
  return useApiCall(run);
}

/** Deletes an app and its assignments; it leaves the cached list at once. */
export function useRemoveApp(id: string) {
  const [mutate] = useMutation(RemoveAppDocument, {
    update(cache, { data }) {
      if (!data?.removeApp) return;
      // the app itself stays cached until the page that shows it is left, so it does not refetch
      cache.modify<Pick<AppListQuery, 'apps'>>({
        fields: {
          apps: (apps, { readField }) => apps.filter((app) => readField('id', app) !== id),
        },
      });
    },
  });
  const run = useCallback(
    async (name: string) => {
      await mutate({ variables: { id } });
      notifications.show({ color: 'green', message: `${name} was removed.` });
    },
    [mutate, id],
  );
  return useApiCall(run);
}
