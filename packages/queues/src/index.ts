export * from './contracts';
export * from './producers';
