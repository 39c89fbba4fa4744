import { UserType } from '@twofold/shared';
import { type AppAccess, appAccess, mayAssignApps } from './app-access';

const owner = { userType: UserType.ADMINISTRATOR, isOwner: true };
const admin = { userType: UserType.ADMINISTRATOR, isOwner: false };
const appAdmin = { userType: UserType.APP_ADMINISTRATOR, isOwner: false };
const reviewer = { userType: UserType.APP_REVIEWER, isOwner: false };
const reportViewer = { userType: UserType.APP_REPORT_VIEWER, isOwner: false };

const none: AppAccess = {
  see: false,
  changeSettings: false,
  readSettings: false,
  reports: false,
  manage: false,
};
const all: AppAccess = {
  see: true,
  changeSettings: true,
  readSettings: true,
  reports: true,
  manage: true,
};

describe('appAccess (docs/design.md, Permissions, apps)', () => {
  it.each([
    ['owner, assigned', owner, true, all],
    ['owner, not assigned', owner, false, all],
    ['administrator, not assigned', admin, false, all],
    ['app administrator, assigned', appAdmin, true, { ...all, manage: false }],
    ['app administrator, not assigned', appAdmin, false, none],
    ['app reviewer, assigned', reviewer, true, { ...none, see: true, readSettings: true }],
    ['app reviewer, not assigned', reviewer, false, none],
    ['report viewer, assigned', reportViewer, true, { ...none, see: true, reports: true }],
    ['report viewer, not assigned', reportViewer, false, none],
  ])('%s', (_name, role, assigned, expected) => {
    expect(appAccess(role, assigned)).toEqual(expected);
  });
});

describe('mayAssignApps', () => {
  it.each([
    [
      'owner → administrator',
      { ...owner, id: 'o', identityId: 'o' },
      { ...admin, id: 'a', identityId: 'a' },
      'ok',
    ],
    [
      'administrator → reviewer',
      { ...admin, id: 'a', identityId: 'a' },
      { ...reviewer, id: 'r', identityId: 'r' },
      'ok',
    ],
    [
      'administrator → other administrator',
      { ...admin, id: 'a', identityId: 'a' },
      { ...admin, id: 'b', identityId: 'b' },
      'ok',
    ],
    [
      'administrator → owner',
      { ...admin, id: 'a', identityId: 'a' },
      { ...owner, id: 'o', identityId: 'o' },
      'owner',
    ],
    [
      'owner → self',
      { ...owner, id: 'o', identityId: 'o' },
      { ...owner, id: 'o', identityId: 'o' },
      'self',
    ],
    [
      'administrator → self',
      { ...admin, id: 'a', identityId: 'a' },
      { ...admin, id: 'a', identityId: 'a' },
      'self',
    ],
    [
      'administrator → another profile of their login',
      { ...admin, id: 'a', identityId: 'me' },
      { ...reviewer, id: 'r', identityId: 'me' },
      'self',
    ],
    [
      'app administrator → reviewer',
      { ...appAdmin, id: 'x', identityId: 'x' },
      { ...reviewer, id: 'r', identityId: 'r' },
      'no-permission',
    ],
    [
      'reviewer → reviewer',
      { ...reviewer, id: 'x', identityId: 'x' },
      { ...reviewer, id: 'r', identityId: 'r' },
      'no-permission',
    ],
  ] as const)('%s: %s', (_name, caller, target, expected) => {
    expect(mayAssignApps(caller, target)).toBe(expected);
  });
});
