// Asks the API for this browser's session while the console's code is still downloading, so the
// answer is there when the app starts instead of one round trip after it (docs/performance.md,
// "Phones load it fast"). src/session/early-session.ts hands the answer to the app's own Session
// query when that query is the same text; the console's unit tests keep it the same.
(function () {
  var query =
    'query Session {\n  session {\n    ...SessionFields\n    __typename\n  }\n}\n\n' +
    'fragment SessionFields on Session {\n  stage\n  expiresAt\n  identityProviderName\n' +
    '  profiles {\n    userId\n    accountName\n    displayName\n    userType\n    __typename\n  }\n' +
    '  user {\n    id\n    displayName\n    userType\n    account {\n      name\n      __typename\n' +
    '    }\n    __typename\n  }\n  availableSecondFactors\n  rememberBrowserDays\n' +
    '  enrollment {\n    allowedMethods\n' +
    '    deadline\n    deadlineMissed\n    __typename\n  }\n  __typename\n}';
  window.twofoldEarlySession = {
    query: query,
    answer: fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/graphql-response+json,application/json;q=0.9',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ operationName: 'Session', variables: {}, query: query }),
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .catch(function () {
        return null;
      }),
  };
})();
