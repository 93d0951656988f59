import { randomBytes } from 'node:crypto';
import type { ConfigRepo, ServiceInput } from './configRepo';
import type { OfficerRepo } from '../auth/officerRepo';

export interface SeedCredentials {
  username: string;
  password: string;
  role: 'admin' | 'officer';
  name: string;
}

/** A readable random password: 12 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}

const DEMO_SERVICES: Omit<ServiceInput, 'sortOrder'>[] = [
  { code: 'TP', name: 'Tư pháp – Hộ tịch', nameEn: 'Justice & civil status', icon: 'family', prefix: 'A', firstNumber: 1, lastNumber: 999, step: 1, digits: 3, dailyMax: null, fixedCounterId: null, active: true },
  { code: 'NNMT', name: 'Nông nghiệp – Môi trường (Đất đai)', nameEn: 'Agriculture, environment & land', icon: 'land', prefix: 'B', firstNumber: 1, lastNumber: 999, step: 1, digits: 3, dailyMax: null, fixedCounterId: null, active: true },
  { code: 'VHXH', name: 'Văn hóa – Xã hội', nameEn: 'Culture & social affairs', icon: 'people', prefix: 'C', firstNumber: 1, lastNumber: 999, step: 1, digits: 3, dailyMax: null, fixedCounterId: null, active: true },
  { code: 'DTCT', name: 'Đô thị – Công thương', nameEn: 'Construction, finance & trade', icon: 'building', prefix: 'D', firstNumber: 1, lastNumber: 999, step: 1, digits: 3, dailyMax: null, fixedCounterId: null, active: true },
  { code: 'TKQ', name: 'Trả kết quả', nameEn: 'Result collection', icon: 'result', prefix: 'E', firstNumber: 1, lastNumber: 999, step: 1, digits: 3, dailyMax: null, fixedCounterId: null, active: true },
];

export const DEFAULT_PRIORITIES = [
  { name: 'Người cao tuổi', nameEn: 'Elderly person' },
  { name: 'Người khuyết tật', nameEn: 'Person with a disability' },
  { name: 'Phụ nữ mang thai', nameEn: 'Pregnant woman' },
  { name: 'Người có công với cách mạng', nameEn: 'Person with meritorious service to the revolution' },
];

/**
 * Seeds the demo commune office on first start: 5 fields, 4 counters, default priority
 * categories, an admin and three officers, open around the clock. Returns the
 * credentials so the caller can print them once.
 */
export async function seedDemoOffice(
  config: ConfigRepo,
  officers: OfficerRepo,
  adminPassword?: string,
): Promise<SeedCredentials[]> {
  config.saveOffice({
    name: 'UBND xã Hòa An – Bộ phận Một cửa',
    agencyCode: '000.00.06.H56',
    timeZone: 'Asia/Ho_Chi_Minh',
    dayStartMinutes: 0,
    priorityStreakLimit: 3,
    callOrder: 'oldest',
    ticketRateLimitPerMinute: 12,
    defaultServiceMinutes: 6,
    notice: 'Chào mừng quý khách đến Bộ phận Một cửa. Vui lòng lấy số thứ tự và chờ đến lượt.',
    settings: {},
  });
  config.setOpeningHours(
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, openMinutes: 0, closeMinutes: 1440 })),
  );
  const services = DEMO_SERVICES.map((s, i) => config.saveService({ ...s, sortOrder: i + 1 }));
  const id = (code: string) => services.find((s) => s.code === code)?.id as number;
  [
    { number: 1, name: 'Quầy 1 – Tư pháp', serviceIds: [id('TP'), id('TKQ')] },
    { number: 2, name: 'Quầy 2 – Đất đai, Đô thị', serviceIds: [id('NNMT'), id('DTCT')] },
    { number: 3, name: 'Quầy 3 – Văn hóa – Xã hội', serviceIds: [id('VHXH'), id('TP')] },
    { number: 4, name: 'Quầy 4 – Trả kết quả', serviceIds: [id('TKQ'), id('TP'), id('NNMT'), id('VHXH'), id('DTCT')] },
  ].forEach((c) => config.saveCounter({ ...c, active: true }));
  DEFAULT_PRIORITIES.forEach((p, i) => config.savePriority({ ...p, active: true, sortOrder: i + 1 }));

  const creds: SeedCredentials[] = [
    { username: 'admin', password: adminPassword || generatePassword(), role: 'admin', name: 'Quản trị viên' },
    { username: 'canbo1', password: generatePassword(), role: 'officer', name: 'Nguyễn Thị Lan' },
    { username: 'canbo2', password: generatePassword(), role: 'officer', name: 'Trần Văn Hùng' },
    { username: 'canbo3', password: generatePassword(), role: 'officer', name: 'Lê Thị Hồng' },
  ];
  // Generated passwords are printed once on the console: each must be replaced at its first
  // login. An admin password given in ADMIN_PASSWORD was chosen by whoever installs the server.
  for (const c of creds) {
    const generated = !(c.role === 'admin' && adminPassword);
    await officers.save(
      { name: c.name, username: c.username, role: c.role, active: true, counterIds: [], password: c.password },
      undefined,
      { mustChangePassword: generated },
    );
  }
  return creds;
}
