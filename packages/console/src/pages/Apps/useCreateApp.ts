import { AppListDocument, CreateAppDocument } from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import type { AppFormOutput } from './components/AppForm';

/** Creates an app; the list is fetched again (the server sorts it by name). */
export const useCreateApp = createMutationHook(CreateAppDocument, {
  variables: (input: AppFormOutput) => ({ input }),
  result: (data) => data.createApp,
  notify: (data) => `${data.createApp.name} was created.`,
  refetchQueries: [AppListDocument],
  awaitRefetchQueries: true,
});
