import { screen } from '@testing-library/react';
import { ApiStatusDocument } from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { renderWithProviders } from '../test/render';
import { routes } from './routes';

const apiAnswers = {
  request: { query: ApiStatusDocument },
  result: { data: { apiInfo: { __typename: 'ApiInfo', name: 'Twofold', version: '1.2.3' } } },
};

describe('routes', () => {
  it.each(['/', '/users', '/no/such/page'])(
    'shows the sign-in page when a visitor opens %s',
    async (path) => {
      const router = createMemoryRouter(routes, { initialEntries: [path] });

      renderWithProviders(<RouterProvider router={router} />, [apiAnswers]);

      expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
      expect(screen.getByRole('banner')).toHaveTextContent('Twofold');
      expect(router.state.location.pathname).toBe('/sign-in');
    },
  );
});
