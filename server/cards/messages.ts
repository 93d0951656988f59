/** What a kiosk shows when a card cannot be read, Vietnamese first. */
import type { CardReadFailure } from '../../drivers/card-reader';

const RETRY = 'Xin vui lòng đặt lại thẻ.';

export const FAILURE_MESSAGES: Record<CardReadFailure, string> = {
  'wrong-key': 'Không mở được chip của thẻ với thông tin từ mã QR. Xin quét lại mã QR trên thẻ hoặc gặp cán bộ. (The chip cannot be opened with this key.)',
  'no-key': 'Xin quét mã QR trên thẻ để đọc chip. (Scan the QR code on the card.)',
  'card-removed': `Thẻ đã bị nhấc ra khi đang đọc. ${RETRY} (The card was removed during the read.)`,
  timeout: `Đầu đọc không trả lời. ${RETRY} (The reader did not answer.)`,
  'not-an-id-card': 'Thẻ này không phải thẻ căn cước gắn chip. (This is not a chip ID card.)',
  'protocol-error': `Không đọc được thẻ. ${RETRY} (The card could not be read.)`,
  'bad-data': 'Dữ liệu trong chip không đọc được. Xin gặp cán bộ. (The chip data is unreadable.)',
  'not-authentic': 'Dữ liệu trong chip không khớp chữ ký số. Xin gặp cán bộ. (The chip data failed verification.)',
};
