import { imageProblem, MAX_IMAGE_BYTES, productImagePath, sniffImageType } from '../images';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('product images', () => {
  test.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['WebP', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50), 'image/webp'],
    ['GIF (not accepted)', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), null],
    ['a PDF renamed .png', Uint8Array.from(Buffer.from('%PDF-1.7')), null],
    ['an SVG (script-capable, refused)', Uint8Array.from(Buffer.from('<svg xmlns=')), null],
    ['a RIFF that is not WebP (WAV)', bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45), null],
    ['too short to tell', bytes(0xff, 0xd8), null],
  ])('sniffs %s from its bytes, whatever its name says', (_n, b, type) => {
    expect(sniffImageType(b)).toBe(type);
  });

  test.each([
    [0, 'image/png', '图片是空文件'],
    [MAX_IMAGE_BYTES + 1, 'image/png', '图片过大（2.0 MB），最大 2.0 MB'],
    [1000, null, '图片格式不支持，请上传 JPG、PNG 或 WebP 图片'],
    [MAX_IMAGE_BYTES, 'image/jpeg', null],
  ] as const)('size %d type %s → %s', (size, type, message) => {
    const p = imageProblem(size, type);
    if (message === null) expect(p).toBeNull();
    else expect(p).toContain(message);
  });

  test('the server picks the storage path: products/<Shanghai month>/<id>.<ext>', () => {
    // 2026-01-31 18:00 UTC is already February in Shanghai.
    expect(productImagePath('img_abc', 'image/webp', Date.UTC(2026, 0, 31, 18))).toBe('products/202602/img_abc.webp');
    expect(productImagePath('img_abc', 'image/jpeg', Date.UTC(2026, 0, 31, 10))).toBe('products/202601/img_abc.jpg');
  });
});
