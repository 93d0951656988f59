import { describe, expect, it } from 'vitest';
import { createPrinter, parsePrinterUri, PrinterError } from '../../../drivers/printer';

describe('parsePrinterUri', () => {
  it('understands tcp, device paths, file urls and simulated', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({ kind: 'escpos-tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterUri('TCP://printer.local')).toEqual({ kind: 'escpos-tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterUri('tcp://[fe80::1]:9101/')).toEqual({ kind: 'escpos-tcp', host: 'fe80::1', port: 9101 });
    expect(parsePrinterUri('/dev/usb/lp0')).toEqual({ kind: 'escpos-device', path: '/dev/usb/lp0' });
    expect(parsePrinterUri(' /dev/pts/3 ')).toEqual({ kind: 'escpos-device', path: '/dev/pts/3' });
    expect(parsePrinterUri('tcp://printer:1')).toMatchObject({ port: 1 });
    expect(parsePrinterUri('tcp://printer:65535')).toMatchObject({ port: 65535 });
    expect(parsePrinterUri('none')).toEqual({ kind: 'none' });
    for (const s of ['simulated', 'SIMULATED', '', '  ', null, undefined]) expect(parsePrinterUri(s)).toEqual({ kind: 'simulated' });
  });

  it('rejects anything else with a message that says what is accepted', () => {
    for (const bad of ['tcp://', 'tcp://a b', 'usb://x', 'lp0', './dev/lp0', 'http://x']) {
      expect(() => parsePrinterUri(bad), bad).toThrow(/không hợp lệ.*Invalid printer uri: use tcp:\/\/host\[:port\]/);
    }
  });

  it('refuses ports outside 1..65535, paths outside /dev and /dev/.. paths', () => {
    const cases: [string, RegExp][] = [
      ['tcp://host:0', /cổng phải từ 1 đến 65535/],
      ['tcp://host:70000', /cổng phải từ 1 đến 65535/],
      ['/dev/../etc/passwd', /không có "\." hay "\.\."/],
      ['/dev/./usb/lp0', /không có "\." hay "\.\."/],
      ['/var/spool/ticket.bin', /phải là thiết bị trong \/dev/],
      ['/work/data/quayso.db', /phải là thiết bị trong \/dev/],
      ['file:///tmp/x.bin', /không rõ loại địa chỉ/],
    ];
    for (const [bad, why] of cases) expect(() => parsePrinterUri(bad), bad).toThrow(why);
  });
});

describe('createPrinter', () => {
  it('builds the printer named by the uri with the configured paper width', () => {
    expect(createPrinter({ uri: 'tcp://10.0.0.9', outputDir: '/tmp' })).toMatchObject({ kind: 'escpos-tcp', target: 'tcp://10.0.0.9:9100' });
    expect(createPrinter({ uri: '/dev/usb/lp0', outputDir: '/tmp', paperWidthDots: 384 })).toMatchObject({
      kind: 'escpos-device',
      target: '/dev/usb/lp0',
    });
    expect(createPrinter({ uri: null, outputDir: '/tmp/tickets' })).toMatchObject({ kind: 'simulated', target: '/tmp/tickets' });
    expect(createPrinter({ uri: 'none', outputDir: '/tmp' })).toBeNull();
  });

  it('rejects bad widths, timeouts and uris', () => {
    expect(() => createPrinter({ outputDir: '/tmp', paperWidthDots: 500 })).toThrow(/multiple of 8/);
    expect(() => createPrinter({ outputDir: '/tmp', timeoutMs: 0 })).toThrow(/timeoutMs/);
    // exactly the bounds the admin API accepts (shared/printerSettings.ts)
    for (const paperWidthDots of [1000, 200, 840, 248]) {
      expect(() => createPrinter({ outputDir: '/tmp', paperWidthDots }), String(paperWidthDots)).toThrow(/multiple of 8/);
    }
    for (const timeoutMs of [199, 10_001, 20_000, 1.5]) {
      expect(() => createPrinter({ outputDir: '/tmp', timeoutMs }), String(timeoutMs)).toThrow(/timeoutMs/);
    }
    expect(createPrinter({ outputDir: '/tmp', paperWidthDots: 256, timeoutMs: 200 })).not.toBeNull();
    expect(createPrinter({ outputDir: '/tmp', paperWidthDots: 832, timeoutMs: 10_000 })).not.toBeNull();
    expect(() => createPrinter({ uri: 'COM3', outputDir: '/tmp' })).toThrow(/Địa chỉ máy in "COM3" không hợp lệ/);
  });

  it('exposes PrinterError with a code', () => {
    const err = new PrinterError('paper_end', 'out of paper');
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.code, err.message]).toEqual(['PrinterError', 'paper_end', 'out of paper']);
  });
});
