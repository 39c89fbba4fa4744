import { useNotifications } from '@mantine/notifications';
import { Suspense, useState } from 'react';
import { lazyPage } from '../lib/lazy-page';

// Mantine's toasts, with the transitions and the portal they need, load the first time one is
// shown: no first page has one. `notifications.show` keeps it in the store meanwhile.
const Notifications = lazyPage(() =>
  import('./Notifications').then((module) => module.Notifications),
);

/** Where `notifications.show` toasts appear; mounted by the app once. */
export function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  return needed ? (
    <Suspense fallback={null}>
      <Notifications />
    </Suspense>
  ) : null;
}
