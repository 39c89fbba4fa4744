import {
  AddressKind,
  addressAllowed,
  classifyAddress,
  parseIpv4,
  parseNetworks,
} from './network-address';

describe('classifyAddress', () => {
  it.each<[string, AddressKind | null]>([
    // loopback, in every spelling a URL or the resolver accepts
    ['127.0.0.1', AddressKind.LOOPBACK],
    ['127.255.255.254', AddressKind.LOOPBACK],
    ['2130706433', AddressKind.LOOPBACK],
    ['0x7f000001', AddressKind.LOOPBACK],
    ['0x7F.0.0.1', AddressKind.LOOPBACK],
    ['0177.0.0.1', AddressKind.LOOPBACK],
    ['017700000001', AddressKind.LOOPBACK],
    ['127.1', AddressKind.LOOPBACK],
    ['0x7f.1', AddressKind.LOOPBACK],
    ['::1', AddressKind.LOOPBACK],
    ['[::1]', AddressKind.LOOPBACK],
    ['0:0:0:0:0:0:0:1', AddressKind.LOOPBACK],
    ['::ffff:127.0.0.1', AddressKind.LOOPBACK],
    ['[::ffff:7f00:1]', AddressKind.LOOPBACK],
    ['::127.0.0.1', AddressKind.LOOPBACK],
    ['64:ff9b::127.0.0.1', AddressKind.LOOPBACK],
    ['2002:7f00:1::', AddressKind.LOOPBACK],
    // private
    ['10.0.0.1', AddressKind.PRIVATE],
    ['167772161', AddressKind.PRIVATE],
    ['172.16.0.1', AddressKind.PRIVATE],
    ['172.31.255.255', AddressKind.PRIVATE],
    ['192.168.1.1', AddressKind.PRIVATE],
    ['::ffff:192.168.0.10', AddressKind.PRIVATE],
    ['::ffff:c0a8:000a', AddressKind.PRIVATE],
    ['fc00::1', AddressKind.PRIVATE],
    ['fd12:3456::1', AddressKind.PRIVATE],
    ['fec0::1', AddressKind.PRIVATE],
    ['64:ff9b::10.1.2.3', AddressKind.PRIVATE],
    ['2002:0a00:0001::1', AddressKind.PRIVATE],
    // link-local (cloud metadata lives here)
    ['169.254.169.254', AddressKind.LINK_LOCAL],
    ['0xa9fea9fe', AddressKind.LINK_LOCAL],
    ['::ffff:169.254.169.254', AddressKind.LINK_LOCAL],
    ['fe80::1', AddressKind.LINK_LOCAL],
    ['fe80::1%eth0', AddressKind.LINK_LOCAL],
    ['febf::1', AddressKind.LINK_LOCAL],
    // carrier-grade NAT
    ['100.64.0.1', AddressKind.SHARED],
    ['100.127.255.255', AddressKind.SHARED],
    ['::ffff:100.100.100.200', AddressKind.SHARED],
    // unspecified
    ['0.0.0.0', AddressKind.UNSPECIFIED],
    ['0', AddressKind.UNSPECIFIED],
    ['0x0', AddressKind.UNSPECIFIED],
    ['::', AddressKind.UNSPECIFIED],
    ['::ffff:0.0.0.0', AddressKind.UNSPECIFIED],
    // reserved
    ['0.1.2.3', AddressKind.RESERVED],
    ['255.255.255.255', AddressKind.RESERVED],
    ['224.0.0.1', AddressKind.RESERVED],
    ['ff02::1', AddressKind.RESERVED],
    ['2001:db8::1', AddressKind.RESERVED],
    ['2001:0:4136:e378::1', AddressKind.RESERVED],
    // public
    ['8.8.8.8', AddressKind.PUBLIC],
    ['134744072', AddressKind.PUBLIC],
    ['172.32.0.1', AddressKind.PUBLIC],
    ['172.15.255.255', AddressKind.PUBLIC],
    ['100.128.0.1', AddressKind.PUBLIC],
    ['100.63.255.255', AddressKind.PUBLIC],
    ['169.255.0.1', AddressKind.PUBLIC],
    ['192.169.0.1', AddressKind.PUBLIC],
    ['::ffff:8.8.8.8', AddressKind.PUBLIC],
    ['2606:4700:4700::1111', AddressKind.PUBLIC],
    ['2a00:1450:4001:82a::200e', AddressKind.PUBLIC],
    ['2002:0808:0808::1', AddressKind.PUBLIC],
    // not an address: a host name, or malformed
    ['localhost', null],
    ['id.example.com', null],
    ['127.0.0.1.nip.io', null],
    ['', null],
    ['256.0.0.1', null],
    ['1.2.3.4.5', null],
    ['08.0.0.1', null],
    ['4294967296', null],
    ['1.16777216', null],
    ['0x', AddressKind.UNSPECIFIED],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1:2:3:4:5:6:7::8', null],
    ['::ffff:127.0.0.1:1', null],
    ['12345::1', null],
    ['::1.2.3', null],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('reads IPv4 the way inet_aton does', () => {
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304);
    expect(parseIpv4('1.2.772')).toBe(0x01020304);
    expect(parseIpv4('1.131844')).toBe(0x01020304);
    expect(parseIpv4('0x1.02.0x3.04')).toBe(0x01020304);
  });
});

describe('addressAllowed', () => {
  it.each<[string, string[], boolean]>([
    ['8.8.8.8', [], true],
    ['127.0.0.1', [], false],
    ['localhost', [], false],
    ['10.1.2.3', ['10.1.2.0/24'], true],
    ['10.1.3.3', ['10.1.2.0/24'], false],
    ['::ffff:10.1.2.3', ['10.1.2.0/24'], true],
    ['127.0.0.2', ['127.0.0.2'], true],
    ['127.0.0.1', ['127.0.0.2'], false],
    ['fd00::5', ['fd00::/64'], true],
    ['fd00:0:0:1::5', ['fd00::/64'], false],
  ])('%s with %j opened: %s', (address, networks, allowed) => {
    expect(addressAllowed(address, parseNetworks(networks))).toBe(allowed);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'nope', '10.0.0.0/8/1', 'localhost/8'])(
    'refuses the network %s',
    (network) => {
      expect(() => parseNetworks([network])).toThrow();
    },
  );
});
