import { configProblems, designSessionLifetimes, loadConfig } from './config';

const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.publicUrl).toBe('http://localhost:4000');
    expect(config.database).toEqual({
      type: 'sqlite',
      path: expect.stringMatching(/data\/twofold\.sqlite$/),
    });
    expect(config.introspection).toBe(true);
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://auth.example.com/',
      TWOFOLD_DATA_DIR: '/tmp/x',
      DATABASE_URL: 'mysql://u:p@db:3306/twofold',
      TWOFOLD_SECRET_KEY: key,
      SMTP_URL: 'smtp://mail:1025',
      MAIL_FROM: 'Auth <auth@example.com>',
      SMS_PROVIDER_URL: 'https://sms.example.com/2010-04-01',
      SMS_ACCOUNT_SID: 'AC1',
      SMS_AUTH_TOKEN: 'secret-token',
      SMS_FROM: '+15005550006',
      SMS_DAILY_LIMIT: '250',
      CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://auth.example.com',
      dataDir: '/tmp/x',
      database: { type: 'mysql', url: 'mysql://u:p@db:3306/twofold' },
      smtpUrl: 'smtp://mail:1025',
      sms: {
        providerUrl: 'https://sms.example.com/2010-04-01',
        accountSid: 'AC1',
        authToken: 'secret-token',
        from: '+15005550006',
        dailyLimitPerAccount: 250,
      },
      corsOrigins: ['https://a.example.com', 'http://localhost:5173'],
      logLevel: 'debug',
      production: true,
      introspection: false,
    });
    expect(config.secretKey?.length).toBe(32);
  });

  it('needs the account, token and sender with an SMS provider, and a sane daily limit', () => {
    expect(configProblems({ SMS_DAILY_LIMIT: '0' })).toEqual([
      expect.stringMatching(/^SMS_DAILY_LIMIT: /),
    ]);
    expect(configProblems({ SMS_PROVIDER_URL: 'https://sms.example.com' })).toEqual([
      'SMS_ACCOUNT_SID: is required with SMS_PROVIDER_URL',
      'SMS_AUTH_TOKEN: is required with SMS_PROVIDER_URL',
      'SMS_FROM: is required with SMS_PROVIDER_URL',
    ]);
  });

  it('keeps docs/design.md, Security baseline session lifetimes unless told otherwise, touching within half an idle time', () => {
    expect(loadConfig({}).sessionLifetimes).toEqual(designSessionLifetimes);
    expect(
      loadConfig({
        SESSION_PENDING_MINUTES: '1',
        SESSION_IDLE_MINUTES: '2',
        SESSION_MAX_MINUTES: '3',
        SESSION_ENROLLMENT_IDLE_MINUTES: '1',
        SESSION_ENROLLMENT_MAX_MINUTES: '2',
      }).sessionLifetimes,
    ).toEqual({
      pendingMs: 60_000,
      idleMs: 120_000,
      absoluteMs: 180_000,
      enrollmentIdleMs: 60_000,
      enrollmentAbsoluteMs: 120_000,
      touchEveryMs: 30_000,
    });
  });

  it.each([
    [undefined, { kind: 'none' }],
    ['false', { kind: 'none' }],
    ['0', { kind: 'none' }],
    ['true', { kind: 'hops', hops: 1 }],
    ['1', { kind: 'hops', hops: 1 }],
    ['2', { kind: 'hops', hops: 2 }],
    ['127.0.0.1', { kind: 'addresses', addresses: ['127.0.0.1'] }],
    [
      '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback',
      { kind: 'addresses', addresses: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'] },
    ],
  ])('reads TRUST_PROXY=%p as %j: never "every hop"', (value, trustProxy) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(
      trustProxy,
    );
  });

  it('asks the system’s DNS servers within 5 s unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ dnsServers: [], dnsTimeoutMs: 5_000 });
    expect(
      loadConfig({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[::1]:53,::1', DNS_TIMEOUT_SECONDS: '2' }),
    ).toMatchObject({
      dnsServers: ['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '::1'],
      dnsTimeoutMs: 2_000,
    });
  });

  it('bounds a MariaDB/MySQL database on the client side, within 5 s unless told otherwise', () => {
    const server = { DATABASE_URL: 'mariadb://u@db:3306/twofold', TWOFOLD_SECRET_KEY: key };
    expect(loadConfig(server).database).toEqual({
      type: 'mariadb',
      url: 'mariadb://u@db:3306/twofold',
      timeouts: { connectMs: 2_000, acquireMs: 1_000, statementMs: 3_000 },
    });
    expect(
      loadConfig({
        ...server,
        DATABASE_CONNECT_TIMEOUT_MS: '500',
        DATABASE_ACQUIRE_TIMEOUT_MS: '250',
        DATABASE_STATEMENT_TIMEOUT_MS: '600000',
      }).database,
    ).toMatchObject({ timeouts: { connectMs: 500, acquireMs: 250, statementMs: 600_000 } });
  });

  it('reads the networks an OpenID provider may be on, refusing anything else', () => {
    expect(loadConfig({}).openIdAllowedNetworks).toEqual([]);
    expect(
      loadConfig({ OPENID_ALLOWED_NETWORKS: '10.20.0.0/16, fd00:1::/64,192.168.1.5' })
        .openIdAllowedNetworks,
    ).toEqual(['10.20.0.0/16', 'fd00:1::/64', '192.168.1.5']);
    for (const bad of ['10.0.0.0/33', 'intranet', '10.0.0.0/8,nope']) {
      expect(
        configProblems({ OPENID_ALLOWED_NETWORKS: bad }).map((line) => line.split(':')[0]),
      ).toEqual(['OPENID_ALLOWED_NETWORKS']);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.type).toBe('sqlite');
  });

  it.each([
    [{ PORT: 'abc' }, ['PORT']],
    [{ PORT: '70000' }, ['PORT']],
    [{ DATABASE_URL: 'postgres://x' }, ['DATABASE_URL']],
    [{ PORT: 'abc', DATABASE_URL: 'postgres://x' }, ['PORT', 'DATABASE_URL']],
    [{ PUBLIC_URL: 'ftp://x' }, ['PUBLIC_URL']],
    [{ SMTP_URL: 'http://mail' }, ['SMTP_URL']],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, ['CORS_ORIGINS']],
    [{ LOG_LEVEL: 'loud' }, ['LOG_LEVEL']],
    [{ TWOFOLD_SECRET_KEY: 'short' }, ['TWOFOLD_SECRET_KEY']],
    [{ DATABASE_URL: 'mariadb://root@db:3306/twofold' }, ['TWOFOLD_SECRET_KEY']],
    [{ DATABASE_URL: 'mariadb://root@db:3306', TWOFOLD_SECRET_KEY: key }, ['DATABASE_URL']],
    [{ SESSION_IDLE_MINUTES: '0' }, ['SESSION_IDLE_MINUTES']],
    [{ SESSION_PENDING_MINUTES: '1.5' }, ['SESSION_PENDING_MINUTES']],
    [{ SESSION_IDLE_MINUTES: '60', SESSION_MAX_MINUTES: '30' }, ['SESSION_IDLE_MINUTES']],
    [{ SESSION_ENROLLMENT_IDLE_MINUTES: '90' }, ['SESSION_ENROLLMENT_IDLE_MINUTES']],
    [{ TRUST_PROXY: '-1' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: 'abc/99' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '10.0.0.0/99' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '10.0.0.0/8/8' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '127.1' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: 'true,10.0.0.0/8' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '21' }, ['TRUST_PROXY']],
    [{ TRUST_PROXY: '10.0.0.1,' }, ['TRUST_PROXY']],
    [{ DNS_SERVERS: 'dns.example.com' }, ['DNS_SERVERS']],
    [{ DNS_SERVERS: '127.0.0.1:99999' }, ['DNS_SERVERS']],
    [{ DNS_SERVERS: '[127.0.0.1]:53' }, ['DNS_SERVERS']],
    [{ DNS_TIMEOUT_SECONDS: '0' }, ['DNS_TIMEOUT_SECONDS']],
    [{ DNS_TIMEOUT_SECONDS: '61' }, ['DNS_TIMEOUT_SECONDS']],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '99' }, ['DATABASE_STATEMENT_TIMEOUT_MS']],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '600001' }, ['DATABASE_STATEMENT_TIMEOUT_MS']],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '2s' }, ['DATABASE_CONNECT_TIMEOUT_MS']],
    [{ DATABASE_ACQUIRE_TIMEOUT_MS: '0100' }, ['DATABASE_ACQUIRE_TIMEOUT_MS']],
  ])('rejects %j naming %j', (env, names) => {
    const problems = configProblems(env);
    expect(problems.map((line) => line.split(':')[0])).toEqual(names);
  });
});
