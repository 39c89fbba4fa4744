// The table lives in packages/shared, so the console shows pages by the rules the server enforces.
export { hasPermission, Permission, type Role, seesAllApps } from '@twofold/shared';
