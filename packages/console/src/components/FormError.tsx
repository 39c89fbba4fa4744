import { Alert } from '@mantine/core';
import { useEffect, useRef } from 'react';

/**
 * Why a form was refused, where no input shows it (the root error of `showServerErrors`). It takes
 * the focus as it appears, so a keyboard or screen-reader user lands on the reason (a wrong
 * password) rather than on the button they pressed; each refused submission shows it anew.
 */
export function FormError({ title, message }: { title: string; message: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" role="alert" title={title}>
      {message}
    </Alert>
  );
}
