import { type Caller, requireProfile } from '../auth/caller';
import type { MailService } from '../mail/mail.service';
import type { MailContent } from '../mail/templates';

/** The names a notice about the caller's own profile greets with. */
export function namesOf(caller: Caller): { displayName: string; accountName: string } {
  const user = requireProfile(caller);
  return { displayName: user.displayName, accountName: user.account.name };
}

/** Mails the caller a notice about their own 2FA, after the commit: a failure never undoes it. */
export async function notifyCaller(
  mail: MailService,
  caller: Caller,
  content: MailContent,
): Promise<void> {
  await mail.notify(
    { to: caller.identity.email, ...content },
    { userId: requireProfile(caller).id },
  );
}
