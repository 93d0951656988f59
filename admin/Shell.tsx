import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OfficerInfo } from '../shared/contract';
import { OfficeSection } from './OfficeSection';
import { HoursSection } from './HoursSection';
import { ServicesSection } from './ServicesSection';
import { CountersSection } from './CountersSection';
import { OfficersSection } from './OfficersSection';
import { PrioritiesSection } from './PrioritiesSection';
import { DisplaysSection } from './DisplaysSection';
import { PrinterSection } from './PrinterSection';
import { AuditSection } from './AuditSection';
import { LogsSection } from './LogsSection';
import { BackupsSection } from './BackupsSection';
import { CardReadersSection } from './CardReadersSection';
import { ProceduresSection } from './ProceduresSection';
import { CalendarSection } from './CalendarSection';
import { RatingsSection } from './RatingsSection';
import { DossiersSection } from './DossiersSection';
import { ApiKeysSection } from './ApiKeysSection';
import { DashboardSection, ReportsSection } from './reports/lazy';

interface SectionDef {
  id: string;
  label: string;
  en: string;
  Body: FunctionComponent<{ officer: OfficerInfo }>;
}

const SECTIONS: readonly SectionDef[] = [
  { id: 'office', label: 'Đơn vị', en: 'Office', Body: OfficeSection },
  { id: 'dashboard', label: 'Hôm nay', en: 'Today', Body: DashboardSection },
  { id: 'reports', label: 'Báo cáo', en: 'Reports', Body: ReportsSection },
  { id: 'hours', label: 'Giờ làm việc', en: 'Opening hours', Body: HoursSection },
  { id: 'services', label: 'Lĩnh vực', en: 'Fields', Body: ServicesSection },
  { id: 'counters', label: 'Quầy', en: 'Counters', Body: CountersSection },
  { id: 'officers', label: 'Cán bộ', en: 'Officers', Body: OfficersSection },
  { id: 'priorities', label: 'Đối tượng ưu tiên', en: 'Priority categories', Body: PrioritiesSection },
  { id: 'displays', label: 'Màn hình TV', en: 'Displays', Body: DisplaysSection },
  { id: 'printer', label: 'Máy in phiếu', en: 'Ticket printer', Body: PrinterSection },
  { id: 'audit', label: 'Nhật ký thao tác', en: 'Audit log', Body: AuditSection },
  { id: 'logs', label: 'Nhật ký hệ thống', en: 'System log', Body: LogsSection },
  { id: 'backups', label: 'Sao lưu', en: 'Backups', Body: BackupsSection },
  { id: 'card-readers', label: 'Đầu đọc thẻ', en: 'Card readers', Body: CardReadersSection },
  { id: 'procedures', label: 'Thủ tục hành chính', en: 'Procedures', Body: ProceduresSection },
  { id: 'calendar', label: 'Lịch làm việc', en: 'Working calendar', Body: CalendarSection },
  { id: 'ratings', label: 'Đánh giá hài lòng', en: 'Satisfaction ratings', Body: RatingsSection },
  { id: 'dossiers', label: 'Hồ sơ', en: 'Dossiers', Body: DossiersSection },
  { id: 'api-keys', label: 'Khóa API', en: 'API keys', Body: ApiKeysSection },
];

/** A leader (Lãnh đạo) sees only the dashboard and the reports. */
const LEADER_SECTIONS = ['dashboard', 'reports'];
const sectionsOf = (officer: OfficerInfo): readonly SectionDef[] =>
  officer.role === 'leader' ? SECTIONS.filter((s) => LEADER_SECTIONS.includes(s.id)) : SECTIONS;

const fromHash = (sections: readonly SectionDef[] = SECTIONS): SectionDef =>
  sections.find((s) => `#${s.id}` === location.hash) ?? (sections[0] as SectionDef);

/** The page frame: a title bar, the menu of sections (kept in the URL's #hash) and the open section. */
export function Shell({ officer, onLogout, onChangePassword }: { officer: OfficerInfo; onLogout: () => void; onChangePassword: () => void }) {
  const sections = sectionsOf(officer);
  const [section, setSection] = useState(() => fromHash(sections));
  useEffect(() => {
    const onHash = () => setSection(fromHash(sections));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const { Body } = section;
  return (
    <div class="shell">
      <header class="topbar">
        <div class="topbar-title">
          Quản trị đơn vị <span class="en">Office administration</span>
        </div>
        <div class="topbar-right">
          <span class="officer" data-testid="officer">
            {officer.name}
          </span>
          <button type="button" class="btn btn-ghost" onClick={onChangePassword}>
            Đổi mật khẩu <span class="en">Password</span>
          </button>
          <button type="button" class="btn btn-ghost" onClick={onLogout}>
            Đăng xuất <span class="en">Log out</span>
          </button>
        </div>
      </header>
      <div class="shell-body">
        <nav class="menu" aria-label="Mục cấu hình">
          {sections.map((s) => (
            <a key={s.id} href={`#${s.id}`} class="menu-item" aria-current={s.id === section.id ? 'page' : undefined}>
              {s.label}
              <span class="en">{s.en}</span>
            </a>
          ))}
        </nav>
        <main class="content" data-section={section.id}>
          <Body key={section.id} officer={officer} />
        </main>
      </div>
    </div>
  );
}
