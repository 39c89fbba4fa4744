import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../session/paths';
import { useRemoveApp } from '../useAppMutations';

/** Asks before deleting the app (Owners and Administrators), then goes back to the list. */
export function RemoveAppDialog(props: {
  app: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
}) {
  const remove = useRemoveApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    props.onClose();
  };
  const onRemove = async () => {
    setError(null);
    const result = await remove.call(props.app);
    if (result.ok) return void navigate(paths.apps);
    setError(result.error.message);
  };

  return (
    <Modal opened={props.opened} onClose={close} title={`Remove ${props.app.name}?`}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not removed">
            {error}
          </Alert>
        )}
        <Text>
          The app, its bundle ID and preview URL are deleted, and it is unassigned from every user
          it is assigned to: people who see it only through that assignment lose access to it and to
          its reports.
        </Text>
        <Text>The audit log keeps a record of the removal. This cannot be undone.</Text>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={remove.loading} onClick={() => void onRemove()}>
            Remove app
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
