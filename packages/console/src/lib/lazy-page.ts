import { type ComponentType, isValidElement, lazy, type ReactNode } from 'react';

/** A page whose code loads on first render, or earlier through `preload`. */
export type LazyPage<P extends object> = ComponentType<P> & {
  /** Starts loading the page's code (once); rendering it later waits for the same load. */
  preload(): Promise<unknown>;
};

/** Mantine's styles for what the first screen does not render (src/styles/later.ts), once. */
const laterStyles = () => import('../styles/later');

/**
 * A page (or a part of the shell) in a chunk of its own (`React.lazy`), which can also be asked
 * for before it renders: the first page's code then loads alongside the session instead of
 * after it. It renders once its code and the styles of every component the first screen does
 * not use have loaded, so nothing shows unstyled.
 *
 * `const UsersPage = lazyPage(() => import('./pages/Users').then((m) => m.UsersPage));`
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), laterStyles()]).then(([component]) => ({
      default: component,
    })));
  return Object.assign(lazy(preload), { preload });
}

/** Starts loading the page a route element renders, when it is a `lazyPage`. */
export function preloadElement(element: ReactNode): void {
  if (!isValidElement(element)) return;
  const type = element.type as Partial<LazyPage<object>>;
  if (typeof type.preload === 'function') {
    // a failed load surfaces when the page renders (its error boundary), not here
    type.preload().catch(() => undefined);
  }
}
