import nodemailer from 'nodemailer';
import type { Mailer } from './job-deps';

/** SMTP timeouts: a slow mail server must not hold a worker for long; the job is retried. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * A Mailer over SMTP (`smtp://user:pass@host:587` or `smtps://…:465`). One message per call, all
 * recipients in To (they are the clinic's own owners and admins).
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
