import { Alert, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { describeOpenIdFailure } from '../../../lib/openid-failure';

/** The URL parameters a test sign-in comes back with. */
const testParams = ['testedProvider', 'emailVerified', 'secondFactor', 'openIdError'];

/**
 * The outcome of a test sign-in, which the provider sends back in the URL
 * (`?testedProvider=<id>&emailVerified=1&secondFactor=0`, or `&openIdError=<reason>`).
 */
export function TestedProviderAlert({
  providerName,
}: {
  providerName: (id: string) => string | undefined;
}) {
  const [params, setParams] = useSearchParams();
  const tested = params.get('testedProvider');
  // back from the provider at the top of a long page: bring the outcome into view
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tested !== null) shown.current?.scrollIntoView?.({ block: 'center' });
  }, [tested]);
  if (tested === null) return null;
  const name = providerName(tested);
  const dismiss = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of testParams) next.delete(key);
        return next;
      },
      { replace: true },
    );
  const failure = params.get('openIdError');

  if (failure !== null) {
    return (
      <Alert
        ref={shown}
        color="red"
        role="alert"
        title="Test sign-in failed"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={dismiss}
      >
        {name && <Text size="sm">Tested: {name}.</Text>}
        <Text size="sm">{describeOpenIdFailure(failure)}</Text>
      </Alert>
    );
  }
  return (
    <Alert
      ref={shown}
      color="green"
      role="status"
      title="Test sign-in succeeded"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
    >
      {name && <Text size="sm">Tested: {name}.</Text>}
      <Text size="sm">
        {params.get('emailVerified') === '1'
          ? 'The provider confirmed the email address.'
          : 'The provider did not confirm the email address, which a first sign-in needs.'}
      </Text>
      <Text size="sm">
        {params.get('secondFactor') === '1'
          ? 'The ID token showed a second factor (amr/acr).'
          : 'The ID token showed no second factor.'}
      </Text>
    </Alert>
  );
}
