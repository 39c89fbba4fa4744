import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { serverVersion } from '../../version';

@ObjectType({ description: 'Public facts about this API, reachable without signing in.' })
export class ApiInfo {
  @Field({ description: 'The product name, "Twofold".' })
  name: string;

  @Field({ description: "The server's version." })
  version: string;
}

@Resolver()
export class ApiInfoResolver {
  @Query(() => ApiInfo, {
    description: 'Public facts about this API; answers whenever the server is up.',
  })
  apiInfo(): ApiInfo {
    return { name: 'Twofold', version: serverVersion };
  }
}
