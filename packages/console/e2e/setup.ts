// jest-circus reads only the root `testTimeout`; a project's own value is ignored, so the e2e
// budget (vite build + server start + browser) is set here for tests and hooks alike.
jest.setTimeout(120_000);
