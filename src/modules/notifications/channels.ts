// The external channels: e-mail over SMTP (nodemailer) and SMS through an HTTP gateway. Both are
// configured from the environment (docs/notifications.md); no address, password or token lives
// in the repository. A channel that is not configured is absent, and its deliveries fail at once
// with that reason in the delivery log instead of retrying for nothing.
import nodemailer from 'nodemailer';
import { z } from 'zod';

export interface OutgoingMessage {
  deliveryId: number;
  address: string;
  kind: string;
  subject: string;
  text: string;
  params: Record<string, unknown>;
}
export interface Channel { send(message: OutgoingMessage): Promise<void> }
export interface Channels { email?: Channel; sms?: Channel }

const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess(unsetIfEmpty, s.optional());
const jsonObject = z.string().transform((s, ctx) => {
  try {
    const v = JSON.parse(s) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* reported below */ }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
  return z.NEVER;
});

const envSchema = z.object({
  SMTP_HOST: opt(z.string()),
  SMTP_PORT: opt(z.coerce.number().int().min(1).max(65535)),
  SMTP_SECURE: opt(z.enum(['true', 'false'])),
  SMTP_USER: opt(z.string()),
  SMTP_PASSWORD: opt(z.string()),
  SMTP_FROM: opt(z.string()),
  SMS_GATEWAY_URL: opt(z.string().url()),
  SMS_GATEWAY_TOKEN: opt(z.string()),
  SMS_SIGNATURE: opt(z.string().max(20)),
  SMS_TEMPLATE_IDS: opt(jsonObject),
  SMS_REQUEST_TEMPLATE: opt(jsonObject),
  SMS_TIMEOUT_MS: opt(z.coerce.number().int().min(100).max(60000)),
});

// ── e-mail ──────────────────────────────────────────────────────────────────────────────────
export interface SmtpSettings { host: string; port: number; secure: boolean; user?: string; password?: string; from: string }

/**
 * The Message-ID is derived from the delivery id: if a crash after the SMTP server accepted the
 * message and before it was marked sent makes the sender send it again, both copies carry the
 * same Message-ID, which mail stores and clients use to fold duplicates.
 */
export function emailChannel(s: SmtpSettings): Channel {
  const transport = nodemailer.createTransport({
    host: s.host, port: s.port, secure: s.secure, auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  });
  const domain = s.from.split('@')[1]?.replace(/[>\s]/g, '') || 'crm.local';
  return {
    async send(m) {
      await transport.sendMail({ from: s.from, to: m.address, subject: m.subject, text: m.text, messageId: `<notification-delivery-${m.deliveryId}@${domain}>` });
    },
  };
}

// ── SMS ─────────────────────────────────────────────────────────────────────────────────────
/**
 * The request body sent to the gateway, as a JSON object whose string values may hold
 * placeholders: {{mobile}}, {{signature}} (e.g. 【某某银行】), {{templateId}}, {{text}} (the
 * signature and the rendered message). A value that is exactly "{{params}}" becomes the
 * message's parameters as an object. Values are substituted into the parsed object, never
 * spliced into JSON text, so a customer name with quotes cannot change the request's shape.
 */
export const DEFAULT_SMS_TEMPLATE: Record<string, unknown> = {
  mobile: '{{mobile}}', sign: '{{signature}}', templateId: '{{templateId}}', params: '{{params}}', content: '{{text}}',
};

export interface SmsSettings {
  url: string; token?: string; signature: string; templateIds: Record<string, unknown>;
  requestTemplate: Record<string, unknown>; timeoutMs: number;
}

export function renderSmsRequest(template: unknown, vars: { mobile: string; signature: string; templateId: string; text: string; params: Record<string, unknown> }): unknown {
  if (typeof template === 'string') {
    if (template === '{{params}}') return vars.params;
    return template.replace(/\{\{(mobile|signature|templateId|text)\}\}/g, (_, k: 'mobile' | 'signature' | 'templateId' | 'text') => vars[k]);
  }
  if (Array.isArray(template)) return template.map((v) => renderSmsRequest(v, vars));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, renderSmsRequest(v, vars)]));
  return template;
}

export function smsChannel(s: SmsSettings, fetchImpl: typeof fetch = fetch): Channel {
  return {
    async send(m) {
      const templateId = s.templateIds[m.kind];
      if (typeof templateId !== 'string' || !templateId) throw new Error(`no SMS template id for ${m.kind} (SMS_TEMPLATE_IDS)`);
      const body = renderSmsRequest(s.requestTemplate, { mobile: m.address, signature: s.signature, templateId, text: `${s.signature}${m.text}`, params: m.params });
      const res = await fetchImpl(s.url, {
        method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(s.timeoutMs),
        headers: { 'content-type': 'application/json; charset=utf-8', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
      });
      const reply = await res.text();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${reply.slice(0, 300)}`);
    },
  };
}

/** The channels configured in `env`: e-mail when SMTP_HOST and SMTP_FROM are set, SMS when SMS_GATEWAY_URL and SMS_SIGNATURE are. */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): Channels {
  const e = envSchema.parse(env);
  const channels: Channels = {};
  if (e.SMTP_HOST && e.SMTP_FROM) {
    channels.email = emailChannel({ host: e.SMTP_HOST, port: e.SMTP_PORT ?? 25, secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM });
  }
  if (e.SMS_GATEWAY_URL && e.SMS_SIGNATURE) {
    channels.sms = smsChannel({ url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN, signature: e.SMS_SIGNATURE, templateIds: e.SMS_TEMPLATE_IDS ?? {},
      requestTemplate: e.SMS_REQUEST_TEMPLATE ?? DEFAULT_SMS_TEMPLATE, timeoutMs: e.SMS_TIMEOUT_MS ?? 10_000 });
  }
  return channels;
}
