/* eslint-disable */
export * from './graphql';