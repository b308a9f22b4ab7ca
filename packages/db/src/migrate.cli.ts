import { cliConfigSchema, loadConfig } from '@baigou/config';
import { ensureDatabaseExists, migrateDatabase } from './migrate';
import { loadAllReferenceData } from './reference-data.loader';

const config = loadConfig(cliConfigSchema);
if (await ensureDatabaseExists(config.DATABASE_URL)) console.log('created database');
await migrateDatabase(config.DATABASE_URL);
console.log('migrations applied');
await loadAllReferenceData(config.DATABASE_URL, (message) => console.log(message));
