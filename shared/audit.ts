/**
 * The audit log (GET /api/admin/audit): who did what, when, from where, and what changed.
 * Before/after hold only the fields that changed; passwords and hashes never appear.
 */

export interface AuditEntry {
  id: number;
  at: string;
  /** The author; null for a failed login. */
  officerId: number | null;
  /** The author's name at the time. */
  officerName: string | null;
  /** The client's address (the kiosk, counter or admin computer). */
  client: string | null;
  action: AuditAction;
  targetKind: string | null;
  targetId: number | null;
  targetName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
}

/** Every action the log records, with its Vietnamese and English label. */
export const AUDIT_ACTIONS = {
  'login.ok': { vi: 'Đăng nhập', en: 'Login' },
  'login.failed': { vi: 'Đăng nhập sai', en: 'Failed login' },
  'password.change': { vi: 'Tự đổi mật khẩu', en: 'Own password changed' },
  'office.update': { vi: 'Sửa thông tin đơn vị', en: 'Office changed' },
  'hours.update': { vi: 'Sửa giờ làm việc', en: 'Opening hours changed' },
  'service.create': { vi: 'Thêm lĩnh vực', en: 'Field added' },
  'service.update': { vi: 'Sửa lĩnh vực', en: 'Field changed' },
  'counter.create': { vi: 'Thêm quầy', en: 'Counter added' },
  'counter.update': { vi: 'Sửa quầy', en: 'Counter changed' },
  'officer.create': { vi: 'Thêm cán bộ', en: 'Officer added' },
  'officer.update': { vi: 'Sửa cán bộ', en: 'Officer changed' },
  'priority.create': { vi: 'Thêm đối tượng ưu tiên', en: 'Priority category added' },
  'priority.update': { vi: 'Sửa đối tượng ưu tiên', en: 'Priority category changed' },
  'ticket.reprint': { vi: 'In lại phiếu', en: 'Ticket reprinted' },
  'ticket.cancel': { vi: 'Huỷ số', en: 'Ticket cancelled' },
  'ticket.call_number': { vi: 'Gọi số theo yêu cầu', en: 'Number called by hand' },
  'backup.create': { vi: 'Sao lưu ngay', en: 'Backup made' },
  'backup.download': { vi: 'Tải bản sao lưu', en: 'Backup downloaded' },
  'procedure.create': { vi: 'Thêm thủ tục hành chính', en: 'Procedure added' },
  'procedure.update': { vi: 'Sửa thủ tục hành chính', en: 'Procedure changed' },
  'procedure.deactivate': { vi: 'Ngừng áp dụng thủ tục', en: 'Procedure withdrawn' },
  'procedure.import': { vi: 'Nhập danh mục thủ tục', en: 'Procedures imported' },
  'calendar.update': { vi: 'Sửa lịch làm việc', en: 'Working calendar changed' },
  'api_key.create': { vi: 'Tạo khóa API', en: 'API key created' },
  'api_key.revoke': { vi: 'Thu hồi khóa API', en: 'API key revoked' },
  'dossier.import': { vi: 'Nhập hồ sơ từ tệp CSV', en: 'Dossiers imported from CSV' },
  'rating_device.pair': { vi: 'Ghép nối máy đánh giá', en: 'Rating tablet paired' },
  'rating_device.unpair': { vi: 'Huỷ ghép nối máy đánh giá', en: 'Rating tablet unpaired' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Filter groups: `action=<group>` matches every action of the group (`service` → service.create, service.update). */
export const AUDIT_GROUPS = {
  login: { vi: 'Đăng nhập', en: 'Logins' },
  password: { vi: 'Mật khẩu', en: 'Passwords' },
  office: { vi: 'Đơn vị', en: 'Office' },
  hours: { vi: 'Giờ làm việc', en: 'Opening hours' },
  service: { vi: 'Lĩnh vực', en: 'Fields' },
  counter: { vi: 'Quầy', en: 'Counters' },
  officer: { vi: 'Cán bộ', en: 'Officers' },
  priority: { vi: 'Đối tượng ưu tiên', en: 'Priority categories' },
  ticket: { vi: 'Phiếu (in lại, huỷ, gọi số)', en: 'Tickets' },
  backup: { vi: 'Sao lưu', en: 'Backups' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedures' },
  calendar: { vi: 'Lịch làm việc', en: 'Working calendar' },
  api_key: { vi: 'Khóa API', en: 'API keys' },
  dossier: { vi: 'Hồ sơ', en: 'Dossiers' },
  rating_device: { vi: 'Máy đánh giá', en: 'Rating tablets' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type AuditGroup = keyof typeof AUDIT_GROUPS;
