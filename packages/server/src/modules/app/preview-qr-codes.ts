import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';

export interface PreviewQrCodeLimits {
  /** Most images kept. */
  maxEntries: number;
  /** Most characters kept, URLs and data URLs together. */
  maxChars: number;
}

const defaultLimits: PreviewQrCodeLimits = { maxEntries: 1000, maxChars: 8 * 1024 * 1024 };

/**
 * QR images of app preview URLs, as PNG data URLs. Rendering one takes milliseconds of CPU (tens
 * on a busy host) and a list of apps asks for one per app, again on every request: each URL is
 * rendered once and kept in a bounded LRU cache. The image is a function of the URL alone, so a
 * per-process cache decides nothing about who may see it (the resolver's guard does).
 *
 * Requests for a URL being rendered share that render; renders run one at a time, each after
 * the event loop has had a turn, so a burst of new URLs leaves other requests (and /healthz) room.
 */
export class PreviewQrCodes {
  private readonly cache: LRUCache<string, string>;
  private queue: Promise<unknown> = Promise.resolve();
  private rendered = 0;

  constructor(limits: PreviewQrCodeLimits = defaultLimits) {
    this.cache = new LRUCache<string, string>({
      max: limits.maxEntries,
      maxSize: limits.maxChars,
      sizeCalculation: (dataUrl, url) => dataUrl.length + url.length,
      fetchMethod: (url) => this.render(url),
    });
  }

  /** How many images this process has rendered (not served from the cache). */
  get renders(): number {
    return this.rendered;
  }

  /** The PNG data URL of a QR code of `url`. */
  async dataUrl(url: string): Promise<string> {
    const dataUrl = await this.cache.fetch(url);
    // fetch resolves undefined only when the render is aborted, which nothing here does
    if (dataUrl === undefined) throw new Error('The QR code render was aborted');
    return dataUrl;
  }

  private render(url: string): Promise<string> {
    const next = this.queue.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      this.rendered += 1;
      return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2 });
    });
    // a failed render (a URL too long for a QR code) must not stop the ones queued after it
    this.queue = next.catch(() => undefined);
    return next;
  }
}
