import { ServerError } from '@apollo/client/errors';
import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import { ApiStatusDocument } from '@twofold/shared/graphql';
import { MemoryRouter } from 'react-router';
import { renderWithProviders } from '../../../test/render';
import { SignInPage } from '.';
import { mockOf } from '../../../test/mock';

const apiStatus = (response: Omit<MockLink.MockedResponse, 'request'>): MockLink.MockedResponse =>
  mockOf(ApiStatusDocument, { ...response });

describe('SignInPage', () => {
  it('shows "Checking the API…" when the API has not answered yet', () => {
    renderWithProviders(
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>,
      [
        apiStatus({
          delay: 10_000,
          result: {
            data: { apiInfo: { __typename: 'ApiInfo', name: 'Twofold', version: '1.2.3' } },
          },
        }),
      ],
    );

    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Twofold' })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('Checking the API…');
  });

  it('shows "API is reachable" with the version when the query answers', async () => {
    renderWithProviders(
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>,
      [
        apiStatus({
          result: {
            data: { apiInfo: { __typename: 'ApiInfo', name: 'Twofold', version: '1.2.3' } },
          },
        }),
      ],
    );

    expect(await screen.findByText('API is reachable (version 1.2.3)')).toBeVisible();
    expect(screen.queryByText(/Checking the API/)).not.toBeInTheDocument();
  });

  it('shows why when the server cannot be reached', async () => {
    renderWithProviders(
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>,
      [apiStatus({ error: new TypeError('Failed to fetch') })],
    );

    expect(await screen.findByText(/The API is not reachable/)).toHaveTextContent(
      'The API is not reachable. The server could not be reached (Failed to fetch).',
    );
    expect(screen.queryByText(/API is reachable/)).not.toBeInTheDocument();
  });

  it('shows that the API server is down when the proxy in front of it answers 502', async () => {
    const response = new Response('Bad Gateway', { status: 502 });
    const error = new ServerError('Bad Gateway', { response, bodyText: 'Bad Gateway' });
    renderWithProviders(
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>,
      [apiStatus({ error })],
    );

    expect(await screen.findByText(/The API is not reachable/)).toHaveTextContent(
      'The API is not reachable. The API server is not running or not responding (HTTP 502).',
    );
  });

  it('shows the server message when the API answers with GraphQL errors', async () => {
    renderWithProviders(
      <MemoryRouter>
        <SignInPage />
      </MemoryRouter>,
      [apiStatus({ result: { errors: [{ message: 'Database is unavailable.' }] } })],
    );

    expect(await screen.findByText(/Database is unavailable/)).toHaveTextContent(
      'The API is not reachable. Database is unavailable.',
    );
  });
});
