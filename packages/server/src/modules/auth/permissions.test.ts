import { UserType } from '@twofold/shared';
import { hasPermission, Permission, seesAllApps } from './permissions';

const owner = { userType: UserType.ADMINISTRATOR, isOwner: true };
const admin = { userType: UserType.ADMINISTRATOR, isOwner: false };
const appAdmin = { userType: UserType.APP_ADMINISTRATOR, isOwner: false };
const reviewer = { userType: UserType.APP_REVIEWER, isOwner: false };
const reportViewer = { userType: UserType.APP_REPORT_VIEWER, isOwner: false };

// The permission table of docs/design.md, Permissions, row by row: owner, admin, app admin, reviewer, report viewer.
const table: [Permission, boolean[]][] = [
  [Permission.POLICIES_READ, [true, true, false, false, false]],
  [Permission.POLICIES_WRITE, [true, false, false, false, false]],
  [Permission.USERS_MANAGE, [true, true, false, false, false]],
  [Permission.TWO_FACTOR_ADMIN, [true, true, false, false, false]],
  [Permission.APPS_MANAGE, [true, true, false, false, false]],
  [Permission.APPS_VIEW, [true, true, true, true, true]],
  [Permission.APP_SETTINGS_WRITE, [true, true, true, false, false]],
  [Permission.APP_SETTINGS_READ, [true, true, true, true, false]],
  [Permission.APP_REPORTS, [true, true, true, false, true]],
  [Permission.AUDIT_READ, [true, true, false, false, false]],
  [Permission.SELF, [true, true, true, true, true]],
];

describe('role permissions', () => {
  it.each(table)(
    '%s is granted to [owner, admin, app admin, reviewer, report viewer] = %j',
    (permission, expected) => {
      expect(
        [owner, admin, appAdmin, reviewer, reportViewer].map((role) =>
          hasPermission(role, permission),
        ),
      ).toEqual(expected);
    },
  );

  it('lets only owners and administrators see every app', () => {
    expect([owner, admin, appAdmin, reviewer, reportViewer].map(seesAllApps)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
