import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createCache } from '../src/lib/apollo';
import { cssVariablesResolver, theme } from '../src/theme';

/** Renders UI inside the providers the app supplies, with a mocked GraphQL API. */
export function renderWithProviders(
  ui: ReactNode,
  mocks: ReadonlyArray<MockLink.MockedResponse> = [],
): RenderResult {
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <MockedProvider mocks={mocks} cache={createCache()}>
        {ui}
      </MockedProvider>
    </MantineProvider>,
  );
}
