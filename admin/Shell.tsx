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

interface SectionDef {
  id: string;
  label: string;
  en: string;
  Body: FunctionComponent<{ officer: OfficerInfo }>;
}

const SECTIONS: readonly SectionDef[] = [
  { id: 'office', label: 'Đơn vị', en: 'Office', Body: OfficeSection },
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
];

const fromHash = (): SectionDef => SECTIONS.find((s) => `#${s.id}` === location.hash) ?? (SECTIONS[0] as SectionDef);

/** The page frame: a title bar, the menu of sections (kept in the URL's #hash) and the open section. */
export function Shell({ officer, onLogout, onChangePassword }: { officer: OfficerInfo; onLogout: () => void; onChangePassword: () => void }) {
  const [section, setSection] = useState(fromHash);
  useEffect(() => {
    const onHash = () => setSection(fromHash());
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
          {SECTIONS.map((s) => (
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
