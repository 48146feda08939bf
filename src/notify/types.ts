// Notification channels as the config describes them. Secrets (SMTP password, webhook URL) come from a file or
// an environment variable only (never a config value, never a flag) and are read when the notification is
// sent, not when the config is loaded: an unset variable under cron is an undeliverable notification (a
// warning), never a failed scan.
export const WHEN = ['new-blockers', 'always', 'failure'] as const;
export type When = (typeof WHEN)[number];

export const CHANNEL_TYPES = ['mail', 'slack', 'teams', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Where a secret is read at send time. */
export type SecretRef = { file: string } | { env: string };

interface Base {
  name: string; // how warnings name the channel (never its URL)
  when: When[]; // default ['new-blockers']
  caFile?: string; // PEM of the CA behind the SMTP server or webhook endpoint (added to the system CAs)
}

export interface MailChannel extends Base {
  type: 'mail';
  host: string;
  port: number;
  tls: 'starttls' | 'implicit' | 'none'; // none: only for a relay on localhost
  user?: string;
  password?: SecretRef; // password-file / password-env
  from: string;
  to: string[];
  attach: string[]; // report formats this run wrote to a file, attached (e.g. html, xlsx)
  inlineHtml: boolean; // the HTML report as the mail's HTML body
}

export interface WebhookChannel extends Base {
  type: 'slack' | 'teams' | 'webhook';
  url: SecretRef; // url-file / url-env: the URL is the secret
  reportLink?: string; // where readers find the report (a URL or a path), shown in the message
}

export type Channel = MailChannel | WebhookChannel;

/** A report this run wrote (for attachments and links). */
export interface WrittenReport {
  format: string;
  file: string;
}
