// The seed's "Verify Webhooks" as Invoke's users write it now: an ES module
// in TypeScript. X-Signature is the hex HMAC-SHA256 of the JSON body with
// WEBHOOK_SECRET (from the root's .env or the responder's environment).
import { createHmac, timingSafeEqual } from 'node:crypto';

interface WebhookEvent {
  type: string;
  data?: Record<string, unknown>;
}

interface Req {
  body: WebhookEvent;
  get(name: string): string | undefined;
}

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

enum Verdict { Accepted = 'accepted', Ignored = 'ignored' }

function verifySignature(payload: string, signature: string | undefined, secret: string | undefined): boolean {
  if (!signature || !secret) return false;   // no secret configured: refuse
  const digest: string = createHmac('sha256', secret).update(payload).digest('hex');
  // timingSafeEqual throws on unequal lengths, as Node's does
  if (signature.length !== digest.length) return false;
  return timingSafeEqual(Buffer.from(signature), Buffer.from(digest));
}

export default async function (req: Req, res: Res): Promise<void> {
  const signature = req.get('x-signature');
  if (!verifySignature(JSON.stringify(req.body), signature, process.env.WEBHOOK_SECRET)) {
    return res.status(401).json({ error: 'Invalid signature' });
  }
  const event = req.body as WebhookEvent;
  const verdict: Verdict = event.type === 'payment.completed' ? Verdict.Accepted : Verdict.Ignored;
  res.json({ received: true, type: event.type, verdict });
}
