/**
 * The transport contract run against each cloud provider adapter and its local emulator.
 */
import { startDocumoEmulator } from '../../../emulators/documo/server';
import { createDocumoTransport } from '../../../src/transports/documo/documo-transport';
import { runTransportContract, settleByPolling } from './transport-contract';

const SCRIPTED = { delivered: '+16045550100', busy: '+16045550150', documentRejected: '+16045550157' };

runTransportContract('documo', async () => {
  const emulator = await startDocumoEmulator({ stepDelayMs: 5 });
  const transport = createDocumoTransport({ baseUrl: emulator.url, apiKey: emulator.apiKey });
  return {
    transport,
    numbers: SCRIPTED,
    fromNumber: emulator.numbers[0]?.number ?? null,
    settle: (report) => settleByPolling(transport, report),
    close: () => emulator.close(),
  };
});
