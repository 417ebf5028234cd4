/**
 * Where the test line keeps the calls it made. A call is recorded before submit() returns, so a
 * worker that crashes right after the call can still find out what happened (findByReference)
 * instead of dialling again. The PostgreSQL-backed store lives with the database layer; the memory
 * store here serves tests and single-process demos.
 */
import type { TransportFailure } from '../../core/transport';

export interface TestLineCallRecord {
  /** The test line's id for the call (returned to the engine as providerFaxId). */
  callId: string;
  reference: string;
  attempt: number;
  toNumber: string;
  status: 'delivered' | 'partially-delivered' | 'failed';
  /** Pages the virtual machine confirmed (T.30 MCF), counted by the sending side. */
  pagesTransmitted: number;
  /** Pages the virtual machine wrote to its output. */
  pagesReceived: number;
  failure: TransportFailure | null;
  /** CSI the virtual machine sent, e.g. "+1 604 555 0142"; null when no fax machine answered. */
  remoteStationId: string | null;
  /** TSI we sent: the fax reference. */
  localStationId: string;
  /** Image modem rate of the last page, bits/s; null when no page was sent. */
  negotiatedBitRate: number | null;
  /** Simulated seconds on the line, from dialling to the caller hanging up. */
  durationSeconds: number | null;
  /** spandsp's T.30 completion code for the sending side; -1 when no T.30 session ended. */
  completionCode: number;
  completionText: string;
  /** What the virtual machine printed (a multi-page TIFF), or null when it received nothing. */
  receivedTiff: Uint8Array | null;
  completedAt: Date;
}

export interface TestLineCallStore {
  /** Idempotent on (reference, attempt): a second record for the same attempt is ignored and the first kept. */
  recordCall(record: TestLineCallRecord): Promise<void>;
  findCall(reference: string, attempt: number): Promise<TestLineCallRecord | null>;
  findCallById(callId: string): Promise<TestLineCallRecord | null>;
}

function copyRecord(record: TestLineCallRecord): TestLineCallRecord {
  return {
    ...record,
    failure: record.failure ? { ...record.failure } : null,
    receivedTiff: record.receivedTiff ? new Uint8Array(record.receivedTiff) : null,
    completedAt: new Date(record.completedAt),
  };
}

/** A store that lives in process memory: calls are lost on restart. For tests and demos only. */
export function createMemoryCallStore(): TestLineCallStore {
  const byAttempt = new Map<string, TestLineCallRecord>();
  const byId = new Map<string, TestLineCallRecord>();
  const attemptKey = (reference: string, attempt: number) => `${reference}\u0000${attempt}`;
  return {
    async recordCall(record) {
      const key = attemptKey(record.reference, record.attempt);
      if (byAttempt.has(key)) return;
      const stored = copyRecord(record);
      byAttempt.set(key, stored);
      byId.set(stored.callId, stored);
    },
    async findCall(reference, attempt) {
      const found = byAttempt.get(attemptKey(reference, attempt));
      return found ? copyRecord(found) : null;
    },
    async findCallById(callId) {
      const found = byId.get(callId);
      return found ? copyRecord(found) : null;
    },
  };
}
