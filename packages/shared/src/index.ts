export * from './enums';
export * from './errors';
export * from './validation';
export { consoleOperations } from './generated/operations';
