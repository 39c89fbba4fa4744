import { Modal } from '@mantine/core';
import { useCreateApp } from '../useCreateApp';
import { AppForm } from './AppForm';

/** A new app of the account (Owners and Administrators). */
export function CreateAppDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApp();
  return (
    <Modal opened={opened} onClose={onClose} title="Create app" size="lg">
      <AppForm
        label="Create app"
        defaultValues={{ name: '', bundleId: '', previewUrl: '' }}
        submitLabel="Create app"
        loading={create.loading}
        submit={async (values) => {
          const result = await create.call(values);
          if (result.ok) onClose();
          return result;
        }}
        onCancel={onClose}
      />
    </Modal>
  );
}
