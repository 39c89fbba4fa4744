import { RemoveAppDocument, UpdateAppDocument } from '@twofold/shared/graphql';
import { createMutationHook, removeFromList } from '../../lib/create-mutation-hook';
import type { AppFormOutput } from '../Apps/components/AppForm';

/** Changes an app's settings; the answer carries every shown field, so the cache follows. */
export const useUpdateApp = createMutationHook(UpdateAppDocument, {
  variables: (id: string, input: Partial<AppFormOutput>) => ({ id, input }),
  result: (data) => data.updateApp,
  notify: (data) => `${data.updateApp.name} was saved.`,
});

/** Deletes an app and its assignments; it leaves the cached list at once. */
export const useRemoveApp = createMutationHook(RemoveAppDocument, {
  variables: ({ id }: { id: string; name: string }) => ({ id }),
  notify: (_removed, { name }) => `${name} was removed.`,
  // the app itself stays cached until the page that shows it is left, so it does not refetch
  update: removeFromList('apps', (data) => data.removeApp),
});
