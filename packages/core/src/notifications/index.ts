export * from './notifications.errors';
export * from './notifications.models';
export * from './notifications.service';
