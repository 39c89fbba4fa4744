import dns2 from 'dns2';

const { Packet } = dns2;

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for DNS_SERVERS. */
  address: string;
  /** Publishes TXT records at `name` (each record one string); an empty list removes them. */
  setTxt(name: string, records: string[]): void;
  /** `silent`: takes queries and never answers (a lookup that times out). */
  setMode(mode: 'ok' | 'silent'): void;
  /** The names asked for, in order. */
  readonly asked: string[];
  close(): Promise<void>;
}

/** An authoritative-looking DNS server on loopback (UDP) answering TXT queries from a table. */
export async function startDnsServer(): Promise<TestDnsServer> {
  const txt = new Map<string, string[]>();
  const asked: string[] = [];
  let mode: 'ok' | 'silent' = 'ok';
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (!question) return;
      const name = question.name.toLowerCase();
      asked.push(name);
      if (mode === 'silent') return;
      const records = txt.get(name);
      if (!records) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
      } else if (question.type === Packet.TYPE.TXT) {
        for (const data of records) {
          // a plain record object, as dns2 encodes it (its typings want a built Resource)
          response.answers.push({
            name: question.name,
            type: Packet.TYPE.TXT,
            class: Packet.CLASS.IN,
            ttl: 60,
            data,
          } as unknown as dns2.Packet.Resource);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = addresses.udp?.port;
  if (!port) throw new Error('the DNS server did not start');
  return {
    address: `127.0.0.1:${port}`,
    asked,
    setTxt(name, records) {
      if (records.length === 0) txt.delete(name.toLowerCase());
      else txt.set(name.toLowerCase(), records);
    },
    setMode(next) {
      mode = next;
    },
    close: () => server.close(),
  };
}
