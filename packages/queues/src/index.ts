export * from './contracts';
export * from './producers';
export * from './outage';
