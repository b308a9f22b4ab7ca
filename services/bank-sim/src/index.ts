export { startBankSim, type RunningBankSim } from './server';
