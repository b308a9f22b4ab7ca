export * from './account-number';
export * from './callback';
export * from './client';
export * from './faults.schemas';
export * from './instructions.schemas';
export * from './signature';
