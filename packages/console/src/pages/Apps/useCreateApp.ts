import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { AppListDocument, CreateAppDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { useApiCall } from '../../lib/use-api-mutation';
import type { AppFormOutput } from './components/AppForm';

/** Creates an app; the list is fetched again (the server sorts it by name). */
export function useCreateApp() {
  const [mutate] = useMutation(CreateAppDocument, {
    refetchQueries: [AppListDocument],
    awaitRefetchQueries: true,
  });
  const run = useCallback(
    async (input: AppFormOutput) => {
      const { data } = await mutate({ variables: { input } });
      if (!data) throw new Error('The server sent no answer.');
      notifications.show({ color: 'green', message: `${data.createApp.name} was created.` });
      return data.createApp;
    },
    [mutate],
  );
  return useApiCall(run);
}
