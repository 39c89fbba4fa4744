import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Inherit, Public } from '../../graphql/access';
import { serverVersion } from '../../version';

@ObjectType({ description: 'Public facts about this API, reachable without signing in.' })
@Inherit()
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
  @Public()
  apiInfo(): ApiInfo {
    return { name: 'Twofold', version: serverVersion };
  }
}
