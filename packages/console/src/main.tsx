import './styles/first-screen';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element');
}

// A transition: React renders the first screen in short slices instead of one long task, so a
// phone can take a tap meanwhile (docs/performance.md, "Phones load it fast").
startTransition(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
