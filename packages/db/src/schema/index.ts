export * from './access.table';
export * from './notifications.table';
export * from './platform.table';
export * from './reference.table';
export * from './registry.table';
