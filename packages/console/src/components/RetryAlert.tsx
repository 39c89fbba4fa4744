import { Alert, Button, Container } from '@mantine/core';
import { describeError } from '../lib/describe-error';

/** A check the page cannot render without failed: say which, why, and offer to try again. */
export function RetryAlert({
  title,
  error,
  retry,
}: {
  title: string;
  error: unknown;
  retry: () => unknown;
}) {
  return (
    <Container size="xs" py="xl">
      <Alert color="red" title={title}>
        {describeError(error)}
        <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void retry()}>
          Try again
        </Button>
      </Alert>
    </Container>
  );
}
