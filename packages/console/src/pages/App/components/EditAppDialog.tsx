import { Modal } from '@mantine/core';
import { Platform } from '@twofold/shared';
import type { AppBasicsQuery, AppSettingsQuery } from '@twofold/shared/graphql';
import { AppForm, type AppFormOutput } from '../../Apps/components/AppForm';
import { useUpdateApp } from '../useAppMutations';

type AppBasics = NonNullable<AppBasicsQuery['app']>;
type AppSettings = NonNullable<AppSettingsQuery['app']>;

/** Changes the app's name, platform, bundle id and preview URL; only changed fields are sent. */
export function EditAppDialog(props: {
  app: AppBasics;
  settings: AppSettings;
  opened: boolean;
  onClose: () => void;
}) {
  const update = useUpdateApp();
  const current: AppFormOutput = {
    name: props.app.name,
    platform: Platform[props.app.platform],
    bundleId: props.settings.bundleId ?? '',
    previewUrl: props.settings.previewUrl ?? '',
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Edit app settings" size="lg">
      <AppForm
        label="Edit app settings"
        defaultValues={current}
        submitLabel="Save settings"
        loading={update.loading}
        submit={async (values) => {
          // unchanged fields stay out, so a change someone else made meanwhile is kept
          const changes = Object.fromEntries(
            Object.entries(values).filter(
              ([key, value]) => current[key as keyof AppFormOutput] !== value,
            ),
          ) as Partial<AppFormOutput>;
          if (Object.keys(changes).length === 0) {
            props.onClose();
            return { ok: true, data: null };
          }
          const result = await update.call(props.app.id, changes);
          if (result.ok) props.onClose();
          return result;
        }}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
