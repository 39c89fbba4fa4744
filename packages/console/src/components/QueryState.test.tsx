import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithProviders } from '../../test/render';
import { QueryState } from './QueryState';

const notFound = new CombinedGraphQLErrors({
  errors: [{ message: 'No such app', extensions: { code: 'NOT_FOUND' } }],
});

function renderState(query: Parameters<typeof QueryState<{ name: string }>>[0]['query']) {
  return renderWithProviders(
    <QueryState query={query} errorTitle="Could not load the app" loadingLabel="Loading the app">
      {(app) => <p>{app.name}</p>}
    </QueryState>,
  );
}

describe('QueryState', () => {
  it('shows the loader while there is no data yet', () => {
    renderState({ data: undefined, refetch: jest.fn() });

    expect(screen.getByLabelText('Loading the app')).toBeInTheDocument();
  });

  it('shows the error by its code and retries when asked', () => {
    const refetch = jest.fn(() => Promise.reject(notFound));
    renderState({ data: undefined, error: notFound, refetch });

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the app');
    expect(alert).toHaveTextContent('This item does not exist.');
    expect(screen.queryByLabelText('Loading the app')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('shows the data', () => {
    renderState({ data: { name: 'Acme Mobile' }, refetch: jest.fn() });

    expect(screen.getByText('Acme Mobile')).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the data shown below an error of a later fetch', () => {
    renderState({ data: { name: 'Acme Mobile' }, error: notFound, refetch: jest.fn() });

    expect(screen.getByRole('alert')).toHaveTextContent('This item does not exist.');
    expect(screen.getByText('Acme Mobile')).toBeVisible();
  });
});
