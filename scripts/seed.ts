/**
 * `npm run seed -- --clinics N --patients M`: add N more synthetic demo clinics of M patients each
 * (for load tests). Uses DATABASE_URL, or the embedded database when Chartfax is not running.
 */
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import { loadConfig } from '../src/config';
import { DEMO_PASSWORD } from '../src/composition';
import { connectDatabase } from '../src/db/connection';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrateToLatest } from '../src/db/migrate';
import { countClinics } from '../src/db/repositories/clinics';
import { generateDemoClinic } from '../src/db/seed/demo-clinic-data';
import { insertDemoClinic } from '../src/db/seed/insert-demo-clinic';

const { values } = parseArgs({ options: { clinics: { type: 'string', default: '1' }, patients: { type: 'string', default: '200' } } });
const clinics = Number(values.clinics);
const patients = Number(values.patients);
if (!Number.isInteger(clinics) || clinics < 1 || clinics > 10_000 || !Number.isInteger(patients) || patients < 1 || patients > 100_000) {
  process.stderr.write('Usage: npm run seed -- --clinics N --patients M   (N from 1 to 10000, M from 1 to 100000)\n');
  process.exit(2);
}
const config = loadConfig();
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
const database = connectDatabase(config.databaseUrl ?? embedded!.url, { max: 2 });
try {
  await migrateToLatest(database.db as never);
  const hash = await argon2.hash(DEMO_PASSWORD);
  const existing = await countClinics(database.db);
  for (let i = 0; i < clinics; i++) {
    const clinicIndex = existing + i;
    const data = generateDemoClinic({ clinicIndex, patients, seed: 1000 + clinicIndex });
    await insertDemoClinic(database.db, data, hash);
    process.stdout.write(
      `Clinic ${clinicIndex + 1}: ${data.clinic.name} (${data.patients.length} patients, ${data.chartEntries.length} chart entries), owner sign-in ${data.staff.find((s) => s.role === 'owner')?.email}\n`,
    );
  }
} finally {
  await database.close();
  await embedded?.stop();
}
