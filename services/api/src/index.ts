export { buildApp, type AppDependencies } from './app';
export { startApi } from './server';
