import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { type MetricsSink, noMetrics } from '../../metrics/sink';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail through SMTP_URL. Without one (development, first start) every message is written as
 * an RFC 822 `.eml` file into `<dataDir>/outbox/`, which any mail client opens.
 */
export class MailService {
  private smtp: Transporter | undefined;
  private composer: Transporter | undefined;

  private readonly metrics: MetricsSink;

  constructor(
    private readonly deps: {
      config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>;
      logger: Logger;
      /** Counts sent and failed mail; none by default (the CLI). */
      metrics?: MetricsSink;
    },
  ) {
    this.metrics = deps.metrics ?? noMetrics;
  }

  /** The directory the development outbox writes to. */
  get outboxDir(): string {
    return path.join(this.deps.config.dataDir, 'outbox');
  }

  /**
   * Sends a notice about a change that has already happened: a failure is logged, never thrown,
   * so a mail server outage can neither fail nor undo the change the mail reports.
   */
  async notify(mail: OutgoingMail, context: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.send(mail);
    } catch (error) {
      this.deps.logger.error(
        { err: error, ...context, subject: mail.subject },
        'could not send a mail',
      );
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.deliver(mail);
    } catch (error) {
      this.metrics.email('failed');
      throw error;
    }
    this.metrics.email('sent');
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.deps.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
    };
    if (this.deps.config.smtpUrl !== undefined) {
      this.smtp ??= createTransport({
        url: this.deps.config.smtpUrl,
        // a mutation waits for the server: fail in seconds, not nodemailer's default minutes
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      await this.smtp.sendMail(message);
      return;
    }
    this.composer ??= createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    const info = (await this.composer.sendMail(message)) as { message: Buffer };
    await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.outboxDir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, info.message, { mode: 0o600 });
    // Only where the mail went: the link, its token and the address stay in the file (mode 0600),
    // never in a log line, in any environment, because logs are shipped and kept far more widely
    // than the data directory (docs/design.md, Security baseline). A developer opens the .eml to follow the link.
    this.deps.logger.info(
      { subject: mail.subject, file },
      'mail written to the outbox (SMTP_URL is not set)',
    );
  }
}
