export * from './client';
export * from './migrate';
export * from './recordset';
export * from './reference-data.loader';
export * as schema from './schema';
export * from './schema';
