export * from './enums';
export * from './audit-actions';
export * from './errors';
export * from './permissions';
export * from './validation';
export { consoleOperations } from './generated/operations';
