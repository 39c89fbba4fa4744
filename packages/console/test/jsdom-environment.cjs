const { TestEnvironment } = require('jest-environment-jsdom');

// jsdom lacks the fetch API and text codecs. react-router's data router builds a Request on
// every navigation, so the tests borrow Node's own implementations. AbortController comes
// along because Node's Request rejects signals from jsdom's AbortController.
const fromNode = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'ReadableStream',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
];

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of fromNode) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetchEnvironment;
