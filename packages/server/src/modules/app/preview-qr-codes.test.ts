import { PreviewQrCodes } from './preview-qr-codes';

describe('PreviewQrCodes', () => {
  it('renders a URL once, however often and however concurrently it is asked for', async () => {
    const codes = new PreviewQrCodes();
    const url = 'https://example.test/preview';
    const first = await Promise.all([codes.dataUrl(url), codes.dataUrl(url), codes.dataUrl(url)]);
    const again = await codes.dataUrl(url);
    expect(codes.renders).toBe(1);
    expect(new Set([...first, again]).size).toBe(1);
    expect(again).toMatch(/^data:image\/png;base64,/);
    await codes.dataUrl('https://example.test/other');
    expect(codes.renders).toBe(2);
  });

  it('keeps at most maxEntries images, dropping the least recently used', async () => {
    const codes = new PreviewQrCodes({ maxEntries: 2, maxChars: 1024 * 1024 });
    for (const url of [
      'https://a.test/',
      'https://b.test/',
      'https://a.test/',
      'https://c.test/',
    ]) {
      await codes.dataUrl(url);
    }
    expect(codes.renders).toBe(3);
    await codes.dataUrl('https://a.test/'); // kept: used after b
    expect(codes.renders).toBe(3);
    await codes.dataUrl('https://b.test/'); // dropped for c
    expect(codes.renders).toBe(4);
  });

  it('keeps at most maxChars characters', async () => {
    const size = (await new PreviewQrCodes().dataUrl('https://a.test/')).length;
    const codes = new PreviewQrCodes({ maxEntries: 100, maxChars: size * 2 + 64 });
    for (const url of ['https://a.test/', 'https://b.test/', 'https://c.test/']) {
      await codes.dataUrl(url);
    }
    await codes.dataUrl('https://c.test/');
    expect(codes.renders).toBe(3);
    await codes.dataUrl('https://a.test/');
    expect(codes.renders).toBe(4);
  });

  it('forgets a failed render, and renders the URLs queued after it', async () => {
    const codes = new PreviewQrCodes();
    const tooLong = `https://example.test/${'x'.repeat(3000)}`;
    const [failed, next] = await Promise.allSettled([
      codes.dataUrl(tooLong),
      codes.dataUrl('https://example.test/next'),
    ]);
    expect(failed.status).toBe('rejected');
    expect(next).toEqual({ status: 'fulfilled', value: expect.stringMatching(/^data:image/) });
    await expect(codes.dataUrl(tooLong)).rejects.toThrow();
    expect(codes.renders).toBe(3);
  });
});
