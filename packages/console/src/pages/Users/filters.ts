import type { TwoFactorStatus, UsersFilter, UserStatus, UserType } from '@twofold/shared/graphql';
import { twoFactorStatusLabels, userStatusLabels, userTypeLabels } from '../../lib/labels';
import { paths } from '../../session/paths';

/**
 * The URL search parameters of the Users page. Other pages link to a filtered table with them
 * (`/users?type=APP_REVIEWER&status=GRACE`, `/users?userStatus=INVITED`), so the names are part
 * of the console's contract.
 */
export const usersParams = {
  type: 'type',
  status: 'status',
  userStatus: 'userStatus',
  search: 'q',
  after: 'after',
} as const;

/** What the table shows, as read from the URL; unknown values are ignored. */
export interface UsersView {
  userType: UserType | null;
  twoFactorStatus: TwoFactorStatus | null;
  /** Invited, active or suspended. */
  userStatus: UserStatus | null;
  search: string;
  /** The cursor of the page shown; null on the first page. */
  after: string | null;
}

export const PAGE_SIZE = 50;

function isUserType(value: string | null): value is UserType {
  return value !== null && Object.hasOwn(userTypeLabels, value);
}

function isTwoFactorStatus(value: string | null): value is TwoFactorStatus {
  return value !== null && Object.hasOwn(twoFactorStatusLabels, value);
}

function isUserStatus(value: string | null): value is UserStatus {
  return value !== null && Object.hasOwn(userStatusLabels, value);
}

export function readView(params: URLSearchParams): UsersView {
  const type = params.get(usersParams.type);
  const status = params.get(usersParams.status);
  const userStatus = params.get(usersParams.userStatus);
  return {
    userType: isUserType(type) ? type : null,
    twoFactorStatus: isTwoFactorStatus(status) ? status : null,
    userStatus: isUserStatus(userStatus) ? userStatus : null,
    search: params.get(usersParams.search) ?? '',
    after: params.get(usersParams.after) || null,
  };
}

/** The `users(filter)` argument: only the conditions that are set. */
export function toFilter(view: UsersView): UsersFilter {
  const search = view.search.trim();
  return {
    ...(view.userType ? { userType: view.userType } : {}),
    ...(view.twoFactorStatus ? { twoFactorStatus: view.twoFactorStatus } : {}),
    ...(view.userStatus ? { status: view.userStatus } : {}),
    ...(search ? { search } : {}),
  };
}

/** The filters the page's controls change. */
export type FilterName = 'type' | 'status' | 'userStatus' | 'search';

/**
 * The URL after changing one filter: every other parameter is kept, and the cursor is dropped
 * because a page of the old filter means nothing under the new one.
 */
export function withFilter(
  params: URLSearchParams,
  name: FilterName,
  value: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === '') next.delete(usersParams[name]);
  else next.set(usersParams[name], value);
  next.delete(usersParams.after);
  return next;
}

/** The URL of another page of the same filter; null: the first page. */
export function withPage(params: URLSearchParams, after: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (after === null) next.delete(usersParams.after);
  else next.set(usersParams.after, after);
  return next;
}

/** The users table narrowed by `filters`: the link other pages give to the users of a figure. */
export function usersUrl(filters: {
  type?: UserType;
  status?: TwoFactorStatus;
  userStatus?: UserStatus;
}): string {
  const params = new URLSearchParams();
  if (filters.type) params.set(usersParams.type, filters.type);
  if (filters.status) params.set(usersParams.status, filters.status);
  if (filters.userStatus) params.set(usersParams.userStatus, filters.userStatus);
  const query = params.toString();
  return query ? `${paths.users}?${query}` : paths.users;
}

/**
 * The URL that downloads the users the filters leave as CSV (every page, not only this one),
 * the parameters named as the API's filter; the session cookie goes with it.
 */
export function exportHref(view: UsersView): string {
  const query = new URLSearchParams(
    Object.entries(toFilter(view)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const search = query.toString();
  return `/export/users.csv${search ? `?${search}` : ''}`;
}
