import nodemailer, { type Transporter } from 'nodemailer';

/** One email: plain text only (cheap phones, no tracking pixels), and an unsubscribe link. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** RFC 8058 one-click unsubscribe: the address a mail client POSTs to. */
  unsubscribeUrl?: string;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Email through nodemailer's SMTP transport, configured by one URL (SMTP_URL, e.g.
 * `smtps://user:pass@mail.example.org:465` or `smtp://relay:25`). Short timeouts: a nudge that
 * cannot be handed over is retried later by the worker, not waited on.
 */
export function smtpEmailSender(smtpUrl: string, from: string): EmailSender {
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.unsubscribeUrl
          ? {
              list: { unsubscribe: { url: email.unsubscribeUrl, comment: 'Unsubscribe' } },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
      });
      return { messageId: String(info.messageId ?? '') };
    },
    close() {
      transport.close();
    },
  };
}

/** Why an email could not be handed over, in words for staff ("mail server refused the address"). */
export function describeEmailError(error: unknown): string {
  const smtp = error as { responseCode?: number; code?: string; message?: string };
  if (smtp.responseCode !== undefined) {
    if (smtp.responseCode === 550 || smtp.responseCode === 553) return 'the mail server refused the address';
    if (smtp.responseCode >= 500) return `the mail server refused it (${smtp.responseCode})`;
    return `the mail server asked to try later (${smtp.responseCode})`;
  }
  if (smtp.code === 'ECONNECTION' || smtp.code === 'ESOCKET' || smtp.code === 'ETIMEDOUT')
    return 'the mail server could not be reached';
  if (smtp.code === 'EAUTH') return 'the mail server refused the sign-in';
  return 'the email could not be sent';
}
