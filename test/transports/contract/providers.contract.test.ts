/**
 * The transport contract run against each cloud provider adapter and its local emulator.
 */
import { startDocumoEmulator } from '../../../emulators/documo/server';
import { startPhaxioEmulator } from '../../../emulators/phaxio/server';
import { startTelnyxEmulator } from '../../../emulators/telnyx/server';
import { createDocumoTransport } from '../../../src/transports/documo/documo-transport';
import { createPhaxioTransport } from '../../../src/transports/phaxio/phaxio-transport';
import { createTelnyxTransport } from '../../../src/transports/telnyx/telnyx-transport';
import { runTransportContract, settleByPolling } from './transport-contract';

const SCRIPTED = {
  delivered: '+16045550100',
  busy: '+16045550150',
  documentRejected: '+16045550157',
};

runTransportContract('documo', async () => {
  const emulator = await startDocumoEmulator({ stepDelayMs: 5 });
  const transport = createDocumoTransport({
    baseUrl: emulator.baseUrl,
    apiKey: emulator.apiKey,
  });
  return {
    transport,
    numbers: SCRIPTED,
    // The provider refuses our file: Chartfax's document, never worth sending again as is.
    causes: { documentRejected: 'document-error' },
    fromNumber: emulator.numbers[0]?.number ?? null,
    settle: (report) => settleByPolling(transport, report),
    close: () => emulator.close(),
  };
});

runTransportContract('phaxio', async () => {
  const emulator = await startPhaxioEmulator({ stepDelayMs: 5 });
  const transport = createPhaxioTransport({
    baseUrl: emulator.baseUrl,
    apiKey: emulator.apiKey,
    apiSecret: emulator.apiSecret,
    callbackToken: emulator.callbackToken,
  });
  return {
    transport,
    numbers: SCRIPTED,
    // The provider refuses our file: Chartfax's document, never worth sending again as is.
    causes: { documentRejected: 'document-error' },
    fromNumber: emulator.numbers[0]?.number ?? null,
    settle: (report) => settleByPolling(transport, report),
    close: () => emulator.close(),
  };
});

runTransportContract('telnyx', async () => {
  const emulator = await startTelnyxEmulator({ stepDelayMs: 5 });
  const transport = createTelnyxTransport({
    baseUrl: emulator.baseUrl,
    apiKey: emulator.apiKey,
    connectionId: emulator.connectionId,
    webhookPublicKey: emulator.webhookPublicKey,
  });
  return {
    transport,
    numbers: SCRIPTED,
    // The provider refuses our file: Chartfax's document, never worth sending again as is.
    causes: { documentRejected: 'document-error' },
    fromNumber: emulator.numbers[0]?.number ?? null,
    settle: (report) => settleByPolling(transport, report),
    close: () => emulator.close(),
  };
});
