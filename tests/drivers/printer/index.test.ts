import { describe, expect, it } from 'vitest';
import { createPrinter, parsePrinterUri, PrinterError } from '../../../drivers/printer';

describe('parsePrinterUri', () => {
  it('understands tcp, device paths, file urls and simulated', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({ kind: 'escpos-tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterUri('TCP://printer.local')).toEqual({ kind: 'escpos-tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterUri('tcp://[fe80::1]:9101/')).toEqual({ kind: 'escpos-tcp', host: 'fe80::1', port: 9101 });
    expect(parsePrinterUri('/dev/usb/lp0')).toEqual({ kind: 'escpos-device', path: '/dev/usb/lp0' });
    expect(parsePrinterUri(' /var/spool/ticket.bin ')).toEqual({ kind: 'escpos-device', path: '/var/spool/ticket.bin' });
    expect(parsePrinterUri('file:///tmp/x.bin')).toEqual({ kind: 'escpos-device', path: '/tmp/x.bin' });
    for (const s of ['simulated', 'SIMULATED', '', '  ', null, undefined]) expect(parsePrinterUri(s)).toEqual({ kind: 'simulated' });
  });

  it('rejects anything else with a message that says what is accepted', () => {
    for (const bad of ['tcp://', 'tcp://host:0', 'tcp://host:70000', 'tcp://a b', 'usb://x', 'lp0', './dev/lp0', 'http://x']) {
      expect(() => parsePrinterUri(bad), bad).toThrow(/Invalid printer uri .*tcp:\/\/host\[:port\]/);
    }
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
  });

  it('rejects bad widths, timeouts and uris', () => {
    expect(() => createPrinter({ outputDir: '/tmp', paperWidthDots: 500 })).toThrow(/multiple of 8/);
    expect(() => createPrinter({ outputDir: '/tmp', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createPrinter({ uri: 'COM3', outputDir: '/tmp' })).toThrow(/Invalid printer uri "COM3"/);
  });

  it('exposes PrinterError with a code', () => {
    const err = new PrinterError('paper_end', 'out of paper');
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.code, err.message]).toEqual(['PrinterError', 'paper_end', 'out of paper']);
  });
});
