// The toasts' code, in a chunk of its own (see Toasts).
import '@mantine/notifications/styles.css';

export { Notifications } from '@mantine/notifications';
