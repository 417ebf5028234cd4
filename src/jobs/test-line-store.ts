import type { TransportFailure } from '../core/transport';
import type { Executor } from '../db/connection';
import type { TestLineCallRecord, TestLineCallStore } from '../transports/test-line/call-store';

/**
 * The test line's call log in PostgreSQL, so every worker on every machine sees the same calls: a
 * call recorded by a worker that then died is found by the next one instead of being dialled again.
 */
export function createPgCallStore(db: Executor): TestLineCallStore {
  const toRecord = (row: {
    call_id: string;
    reference: string;
    attempt: number;
    to_number: string;
    status: string;
    pages_transmitted: number;
    pages_received: number;
    failure: unknown;
    remote_station_id: string | null;
    local_station_id: string;
    negotiated_bit_rate: number | null;
    duration_seconds: number | null;
    completion_code: number;
    completion_text: string;
    received_tiff: Buffer | null;
    completed_at: Date;
  }): TestLineCallRecord => ({
    callId: row.call_id,
    reference: row.reference,
    attempt: row.attempt,
    toNumber: row.to_number,
    status: row.status as TestLineCallRecord['status'],
    pagesTransmitted: row.pages_transmitted,
    pagesReceived: row.pages_received,
    failure: (row.failure as TransportFailure | null) ?? null,
    remoteStationId: row.remote_station_id,
    localStationId: row.local_station_id,
    negotiatedBitRate: row.negotiated_bit_rate,
    durationSeconds: row.duration_seconds,
    completionCode: row.completion_code,
    completionText: row.completion_text,
    receivedTiff: row.received_tiff ? new Uint8Array(row.received_tiff) : null,
    completedAt: row.completed_at,
  });
  return {
    async recordCall(record) {
      await db
        .insertInto('test_line_calls')
        .values({
          call_id: record.callId,
          reference: record.reference,
          attempt: record.attempt,
          to_number: record.toNumber,
          status: record.status,
          pages_transmitted: record.pagesTransmitted,
          pages_received: record.pagesReceived,
          failure: record.failure ? JSON.stringify(record.failure) : null,
          remote_station_id: record.remoteStationId,
          local_station_id: record.localStationId,
          negotiated_bit_rate: record.negotiatedBitRate,
          duration_seconds: record.durationSeconds,
          completion_code: record.completionCode,
          completion_text: record.completionText,
          received_tiff: record.receivedTiff ? Buffer.from(record.receivedTiff) : null,
          completed_at: record.completedAt,
        })
        .onConflict((oc) => oc.columns(['reference', 'attempt']).doNothing())
        .execute();
    },
    async findCall(reference, attempt) {
      const row = await db
        .selectFrom('test_line_calls')
        .selectAll()
        .where('reference', '=', reference)
        .where('attempt', '=', attempt)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findCallById(callId) {
      const row = await db.selectFrom('test_line_calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
  };
}
