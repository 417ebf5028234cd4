/**
 * Starts one provider emulator by hand:
 *   npm run emulator -- documo [--port 4010] [--webhook-url URL] [--webhook-user U --webhook-password P]
 *   npm run emulator -- phaxio [--port 4011] [--webhook-url URL]
 *   npm run emulator -- telnyx [--port 4012] [--webhook-url URL]
 * Prints what to paste into Settings → Integrations, then runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';

import { startDocumoEmulator } from '../emulators/documo/server';
import { startPhaxioEmulator } from '../emulators/phaxio/server';
import { startTelnyxEmulator } from '../emulators/telnyx/server';

const USAGE = 'Usage: npm run emulator -- documo|phaxio|telnyx [--port N] [--webhook-url URL] [--step-delay-ms N]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-user': { type: 'string' },
      'webhook-password': { type: 'string' },
      'step-delay-ms': { type: 'string' },
    },
  });
  const provider = positionals[0];
  const port = values.port ? Number(values.port) : 0;
  const stepDelayMs = values['step-delay-ms'] ? Number(values['step-delay-ms']) : undefined;
  const webhookUrl = values['webhook-url'];
  if (!Number.isInteger(port) || port < 0 || (stepDelayMs !== undefined && !Number.isFinite(stepDelayMs))) throw new Error(USAGE);

  const lines: [string, string][] = [];
  let close: () => Promise<void>;
  let controlUrl: string;
  let numbers: { number: string; label: string | null }[];
  switch (provider) {
    case 'documo': {
      const auth =
        values['webhook-user'] && values['webhook-password']
          ? {
              username: values['webhook-user'],
              password: values['webhook-password'],
            }
          : undefined;
      const emulator = await startDocumoEmulator({
        port,
        webhookUrl,
        webhookAuth: auth,
        stepDelayMs,
      });
      lines.push(['API address', emulator.baseUrl], ['API key', emulator.apiKey], ['Account', emulator.accountName]);
      ({ close, numbers } = emulator);
      controlUrl = emulator.url;
      break;
    }
    case 'phaxio': {
      const emulator = await startPhaxioEmulator({
        port,
        callbackUrl: webhookUrl,
        stepDelayMs,
      });
      lines.push(
        ['API address', emulator.baseUrl],
        ['API key', emulator.apiKey],
        ['API secret', emulator.apiSecret],
        ['Webhook token', emulator.callbackToken],
      );
      ({ close, numbers } = emulator);
      controlUrl = emulator.url;
      break;
    }
    case 'telnyx': {
      const emulator = await startTelnyxEmulator({
        port,
        webhookUrl,
        stepDelayMs,
      });
      lines.push(
        ['API address', emulator.baseUrl],
        ['API key', emulator.apiKey],
        ['Fax application id', emulator.connectionId],
        ['Webhook public key', emulator.webhookPublicKey],
      );
      ({ close, numbers } = emulator);
      controlUrl = emulator.url;
      break;
    }
    default:
      throw new Error(USAGE);
  }

  lines.push(['Fax numbers', numbers.map((n) => n.number + (n.label ? ` (${n.label})` : '')).join(', ')]);
  lines.push(['Webhooks to', webhookUrl ?? '(none; set with --webhook-url)']);
  lines.push(['Control API', `${controlUrl}/__emulator/faults, ${controlUrl}/__emulator/faxes`]);
  const width = Math.max(...lines.map(([label]) => label.length));
  console.log(
    `${provider} emulator running. Scripted destinations: +1…555-0100–0149 delivered, 0150 busy, 0151 no answer, 0152 voice, 0153 drop after page 1, 0157 document rejected.`,
  );
  for (const [label, value] of lines) console.log(`  ${label.padEnd(width)}  ${value}`);

  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
