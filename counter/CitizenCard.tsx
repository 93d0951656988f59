import type { ChipCheck, CitizenView } from '../shared/cards';

/** How the officer should read the card's check, Vietnamese first. */
export const CHECK_BADGES: Record<ChipCheck, { vi: string; en: string; tone: 'ok' | 'partial' | 'bad' | 'plain' }> = {
  verified: { vi: 'Đã xác thực chip', en: 'Chip verified', tone: 'ok' },
  'hashes-only': { vi: 'Dữ liệu khớp chip (chưa kiểm chứng chữ ký)', en: 'Matches the chip, signature not checked', tone: 'partial' },
  failed: { vi: 'Chip không hợp lệ', en: 'Chip check failed', tone: 'bad' },
  'qr-only': { vi: 'Từ mã QR, chưa đọc chip', en: 'From the QR code, chip not read', tone: 'plain' },
};

/**
 * The citizen of the ticket being served, as read from their chip card. Shown only in the
 * current-ticket panel of the counter that has the ticket.
 */
export function CitizenCard({ citizen, failed }: { citizen: CitizenView | null; failed: boolean }) {
  if (!citizen) {
    return failed ? (
      <p class="citizen-failed" role="alert">
        Không tải được thông tin công dân. <span class="en">Could not load the citizen's data.</span>
      </p>
    ) : null;
  }
  const badge = CHECK_BADGES[citizen.check];
  return (
    <section class="citizen" data-testid="citizen" aria-label="Công dân (Citizen)">
      <div class="citizen-head">
        <span class="citizen-name" data-testid="citizen-name">
          {citizen.fullName}
        </span>
        <span class={`citizen-badge citizen-badge-${badge.tone}`} data-testid="citizen-check" data-check={citizen.check}>
          {badge.vi}
          <span class="en">{badge.en}</span>
        </span>
      </div>
      <dl class="citizen-facts">
        <div>
          <dt>
            Số CCCD <span class="en">ID number</span>
          </dt>
          <dd class="citizen-id" data-testid="citizen-id">
            {citizen.idNumber}
          </dd>
        </div>
        <div>
          <dt>
            Ngày sinh <span class="en">Born</span>
          </dt>
          <dd data-testid="citizen-birth">{citizen.birthDate}</dd>
        </div>
        <div>
          <dt>
            Giới tính <span class="en">Gender</span>
          </dt>
          <dd>{citizen.gender}</dd>
        </div>
      </dl>
    </section>
  );
}
