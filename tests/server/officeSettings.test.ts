import { describe, expect, it } from 'vitest';
import { readDisplaySettings, readPrinterSettings } from '../../server/config/officeSettings';

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
});
