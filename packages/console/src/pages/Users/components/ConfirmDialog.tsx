import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { ApiResult } from '../../../lib/use-api-call';

/**
 * A confirmation that says what will happen before it happens; it stays open with the reason
 * when the server refuses, and closes only once the change is done.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  loading: boolean;
  run: () => Promise<ApiResult<unknown>>;
  onDone: () => void;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const onConfirm = async () => {
    setError(null);
    const result = await props.run();
    if (result.ok) props.onDone();
    else setError(result.error.message);
  };
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="lg">
      <Stack gap="md">
        {props.children}
        {error && (
          <Alert color="red" role="alert" title="Not done">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose} disabled={props.loading}>
            Cancel
          </Button>
          <Button color={props.color} loading={props.loading} onClick={() => void onConfirm()}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
