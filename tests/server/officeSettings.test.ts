import { describe, expect, it } from 'vitest';
import {
  printerSettingsSchema,
  readDisplaySettings,
  readPrinterSettings,
  sanitizeSettings,
} from '../../server/config/officeSettings';
import { createPrinter } from '../../drivers/printer';

describe('stored office settings', () => {
  it('printer: keeps each valid field; a field out of today\'s bounds is left out alone', () => {
    const stored = {
      printer: {
        uri: 'tcp://192.168.1.50:9100',
        timeoutMs: 20_000, // written before the 10 s cap
        headerLines: ['UBND xã Hòa An', 7],
        kiosks: [{ key: 'Tang-2', uri: '/dev/usb/lp1' }],
        thankYou: 'Cảm ơn quý khách!',
      },
    };
    expect(readPrinterSettings(stored)).toEqual({
      uri: 'tcp://192.168.1.50:9100',
      kiosks: [{ key: 'tang-2', name: '', uri: '/dev/usb/lp1' }],
      thankYou: 'Cảm ơn quý khách!',
    });
    expect(readPrinterSettings({})).toEqual({});
    expect(readPrinterSettings({ printer: 'tcp://x' })).toEqual({});
  });

  it('display: defaults when unset or unreadable', () => {
    expect(readDisplaySettings({})).toEqual({ voice: 'clips', repeat: 2, english: false, profiles: [] });
    expect(readDisplaySettings({ display: { repeat: 9 } })).toEqual({ voice: 'clips', repeat: 2, english: false, profiles: [] });
    expect(readDisplaySettings({ display: { repeat: 4 } }).repeat).toBe(4);
  });

  it('printer: the schema accepts exactly the widths, timeouts and addresses the driver accepts', () => {
    const accepts = (key: 'paperWidthDots' | 'timeoutMs' | 'uri', value: unknown) =>
      printerSettingsSchema.safeParse({ [key]: value }).success;
    const driverAccepts = (config: Parameters<typeof createPrinter>[0]) => {
      try {
        createPrinter(config);
        return true;
      } catch {
        return false;
      }
    };
    for (const paperWidthDots of [200, 248, 256, 384, 500, 512, 576, 832, 840, 1000]) {
      expect(accepts('paperWidthDots', paperWidthDots), `width ${paperWidthDots}`).toBe(
        driverAccepts({ outputDir: '/tmp', paperWidthDots }),
      );
    }
    for (const timeoutMs of [0, 199, 200, 1.5, 3000, 10_000, 10_001, 20_000]) {
      expect(accepts('timeoutMs', timeoutMs), `timeout ${timeoutMs}`).toBe(driverAccepts({ outputDir: '/tmp', timeoutMs }));
    }
    const uris = ['tcp://10.0.0.5', 'tcp://10.0.0.5:0', 'tcp://10.0.0.5:65535', 'tcp://10.0.0.5:70000', '/dev/usb/lp0',
      '/dev/../etc/passwd', '/dev/./lp0', '/var/lib/quayso/quayso.db', 'file:///tmp/x', 'simulated', 'none', 'COM3'];
    for (const uri of uris) expect(accepts('uri', uri), uri).toBe(driverAccepts({ outputDir: '/tmp', uri }));
    expect(accepts('uri', '')).toBe(false); // the driver reads empty as simulated; a stored address must be written out
  });

  it('sanitizeSettings: leaves out each stored value that no longer validates, with a fault naming it', () => {
    const { settings, faults } = sanitizeSettings({
      printer: { uri: 'tcp://10.0.0.5:9100', paperWidthDots: 1000, colour: 'red' },
      display: { repeat: 4 },
      theme: 'dark',
    });
    expect(settings).toEqual({
      printer: { uri: 'tcp://10.0.0.5:9100' },
      display: { voice: 'clips', repeat: 4, english: false, profiles: [] },
    });
    expect(faults.map((f) => [f.code, f.setting])).toEqual([
      ['setting_invalid', 'settings.printer.paperWidthDots'],
      ['setting_invalid', 'settings.printer.colour'],
      ['setting_invalid', 'settings.theme'],
    ]);
    expect(faults[0]!.message).toMatch(/^Cài đặt settings.printer.paperWidthDots không hợp lệ, đang dùng giá trị mặc định: khổ giấy/);
    for (const raw of [null, [1], 'x']) expect(sanitizeSettings(raw).settings).toEqual({});
  });
});
