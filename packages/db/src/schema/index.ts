export * from './access.table';
export * from './notifications.table';
export * from './platform.table';
export * from './price-library.table';
export * from './reference.table';
export * from './registry.table';
export * from './trade.table';
export * from './fx.table';
