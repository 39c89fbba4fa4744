import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages load lazily behind the session gate and the role's navigation: on a busy 2-core CI
// machine the first render can take longer than Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5_000 });

// jsdom lacks the browser APIs Mantine calls on render.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = ResizeObserverStub;
