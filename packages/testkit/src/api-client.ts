export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorBody[];
  headers: Headers;
}

/** A GraphQL client over real HTTP, holding a bearer token once signed in. */
export class ApiClient {
  token: string | undefined;

  constructor(readonly url: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorBody[] };
    return {
      status: response.status,
      data: body.data,
      errors: body.errors,
      headers: response.headers,
    };
  }

  /** Like `request`, but fails the test on any error. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  async signIn(
    email: string,
    password: string,
  ): Promise<GraphQLResult<{ signIn: { token: string; session: { stage: string } } }>> {
    const result = await this.request<{ signIn: { token: string; session: { stage: string } } }>(
      `mutation ($email: String!, $password: String!) {
        signIn(email: $email, password: $password, transport: BEARER) { token session { stage } }
      }`,
      { email, password },
    );
    if (result.data?.signIn.token) this.token = result.data.signIn.token;
    return result;
  }
}

/** A client signed in as `email` (its single profile selected, or PROFILE_SELECTION). */
export async function signedIn(url: string, email: string, password: string): Promise<ApiClient> {
  const client = new ApiClient(url);
  const result = await client.signIn(email, password);
  if (!client.token) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  return client;
}

/** The machine-readable reasons (`extensions.reason`) of a result's errors, in order. */
export function reasonsOf(result: { errors?: GraphQLErrorBody[] }): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.reason);
}

/** The error codes of a result, in order. */
export function codesOf(result: { errors?: GraphQLErrorBody[] }): (string | undefined)[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
