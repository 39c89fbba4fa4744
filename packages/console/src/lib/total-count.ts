/** A list's total as the server counts it: exact up to 10,000, a lower bound past that. */
export interface Total {
  totalCount: number;
  totalCountIsLowerBound: boolean;
}

/** "1 user", "2,500 users", "10,000+ users" (docs/design.md, Lists at scale). */
export function totalText(total: Total, one: string, many: string): string {
  const count = total.totalCount.toLocaleString('en-US');
  if (total.totalCountIsLowerBound) return `${count}+ ${many}`;
  return `${count} ${total.totalCount === 1 ? one : many}`;
}
