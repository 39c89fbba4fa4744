import { Alert } from '@mantine/core';

/** Why a form was refused, where no input shows it (the root error of `showServerErrors`). */
export function FormError({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {message}
    </Alert>
  );
}
