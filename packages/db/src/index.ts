export * from './client';
export * from './migrate';
export * from './copy';
export * from './snapshot';
export * from './recordset';
export * from './unit-of-work';
export * from './reference-data.loader';
export * as schema from './schema';
export * from './schema';
