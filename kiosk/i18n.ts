/** Every string the kiosk shows, in Vietnamese (default) and English. */
export type Lang = 'vi' | 'en';

const vi = {
  unitSubtitle: 'Hệ thống lấy số thứ tự tự động',
  chooseField: 'Mời quý khách chạm vào lĩnh vực cần giải quyết',
  chooseFieldPriority: 'Chọn lĩnh vực cần giải quyết',
  waiting: (n: number) => (n === 0 ? 'Không có người chờ' : `Đang chờ: ${n} người`),
  waitingLabel: 'người đang chờ',
  soldOut: 'Hết số hôm nay',
  paused: 'Tạm ngừng',
  priority: 'Ưu tiên',
  priorityHint: 'Người cao tuổi, người khuyết tật, phụ nữ mang thai…',
  priorityQuestion: 'Quý khách thuộc diện ưu tiên nào?',
  priorityNote: 'Cán bộ có thể đề nghị xuất trình giấy tờ chứng minh.',
  priorityChosen: (name: string) => `Diện ưu tiên: ${name}`,
  back: 'Quay lại',
  home: 'Về trang chính',
  tryAgain: 'Thử lại',
  langButton: 'English',
  issuing: 'Đang cấp số, xin chờ…',
  yourNumber: 'Số thứ tự của quý khách',
  ahead: (n: number) => `Số người chờ trước: ${n}`,
  estimate: (m: number) => `Thời gian chờ dự kiến: khoảng ${m} phút`,
  takeTicket: 'Mời quý khách nhận phiếu in bên dưới và chờ gọi số.',
  printFault:
    'Máy in đang gặp sự cố. Quý khách vui lòng ghi nhớ số hoặc chụp ảnh màn hình; cán bộ tại quầy có thể in lại phiếu.',
  noPrinter: 'Quý khách vui lòng ghi nhớ số hoặc chụp ảnh màn hình, hoặc quét mã bên cạnh để theo dõi lượt.',
  scanToFollow: 'Quét mã để theo dõi lượt trên điện thoại',
  done: 'Xong',
  returning: (s: number) => `Tự động quay lại sau ${s} giây`,
  reconnecting: 'Đang kết nối lại…',
  closedTitle: 'Ngoài giờ lấy số',
  closedBody: 'Hiện tại chưa đến giờ lấy số. Mời quý khách quay lại trong giờ làm việc.',
  closedHelp: 'Cần hỗ trợ, quý khách vui lòng liên hệ cán bộ trực.',
  dailyTitle: 'Lĩnh vực này đã hết số hôm nay',
  dailyBody: 'Mời quý khách quay lại vào ngày làm việc tiếp theo hoặc liên hệ cán bộ hướng dẫn.',
  offlineTitle: 'Đang mất kết nối với máy chủ',
  offlineBody: 'Máy đang tự kết nối lại. Quý khách vui lòng chờ trong giây lát hoặc liên hệ cán bộ tại quầy.',
  busyTitle: 'Máy vừa cấp nhiều số liên tiếp',
  busyBody: 'Quý khách vui lòng chờ một phút rồi thử lại, hoặc liên hệ cán bộ tại quầy.',
  inactiveTitle: 'Lĩnh vực này đang tạm ngừng lấy số',
  inactiveBody: 'Quý khách vui lòng chọn lĩnh vực khác hoặc hỏi cán bộ hướng dẫn.',
  errorTitle: 'Chưa lấy được số',
  errorBody: 'Quý khách vui lòng thử lại hoặc liên hệ cán bộ tại quầy.',
  loading: 'Đang tải…',
  cardHello: (name: string) => `Xin chào ${name}`,
  cardVerified: 'Đã xác thực bằng chip',
  cardDossiers: (n: number) => `Hồ sơ của bạn: ${n}`,
  cardChoose: 'Mời chọn lĩnh vực cần giải quyết',
  cardReading: 'Đang đọc thẻ…',
  cardHold: 'Xin giữ thẻ trên đầu đọc',
  cardFailedTitle: 'Chưa đọc được thẻ',
  cardFailedBody: 'Xin vui lòng đặt lại thẻ lên đầu đọc, hoặc chọn lĩnh vực bên dưới.',
  cardHint: 'Có thể đặt thẻ CCCD lên đầu đọc',
};

export type Strings = typeof vi;

const en: Strings = {
  unitSubtitle: 'Automatic queue ticket system',
  chooseField: 'Please touch the service you need',
  chooseFieldPriority: 'Choose the service you need',
  waiting: (n) => (n === 0 ? 'Nobody waiting' : `${n} waiting`),
  waitingLabel: 'waiting',
  soldOut: 'No numbers left today',
  paused: 'Paused',
  priority: 'Priority',
  priorityHint: 'Elderly, people with disabilities, pregnant women…',
  priorityQuestion: 'Which priority group are you in?',
  priorityNote: 'Staff may ask to see a supporting document.',
  priorityChosen: (name) => `Priority: ${name}`,
  back: 'Back',
  home: 'Home',
  tryAgain: 'Try again',
  langButton: 'Tiếng Việt',
  issuing: 'Issuing your number…',
  yourNumber: 'Your number',
  ahead: (n) => `People ahead of you: ${n}`,
  estimate: (m) => `Estimated wait: about ${m} min`,
  takeTicket: 'Please take your printed ticket below and wait to be called.',
  printFault:
    'The printer has a problem. Please remember your number or take a photo of the screen; staff at the counter can reprint your ticket.',
  noPrinter: 'Please remember your number or take a photo of the screen, or scan the code to follow your turn.',
  scanToFollow: 'Scan to follow your turn on your phone',
  done: 'Done',
  returning: (s) => `Returning in ${s} s`,
  reconnecting: 'Reconnecting…',
  closedTitle: 'Outside ticket hours',
  closedBody: 'Tickets are not being issued right now. Please come back during opening hours.',
  closedHelp: 'If you need help, please ask a staff member on duty.',
  dailyTitle: 'No numbers left today for this service',
  dailyBody: 'Please come back on the next working day or ask a staff member for help.',
  offlineTitle: 'Cannot reach the server',
  offlineBody: 'The kiosk is reconnecting by itself. Please wait a moment or ask a staff member at the counter.',
  busyTitle: 'This kiosk has just issued many tickets',
  busyBody: 'Please wait one minute and try again, or ask a staff member at the counter.',
  inactiveTitle: 'This service is not issuing numbers now',
  inactiveBody: 'Please choose another service or ask a staff member for help.',
  errorTitle: 'Your number could not be issued',
  errorBody: 'Please try again or ask a staff member at the counter.',
  loading: 'Loading…',
  cardHello: (name) => `Hello, ${name}`,
  cardVerified: 'Verified by chip',
  cardDossiers: (n) => `Your dossiers: ${n}`,
  cardChoose: 'Please choose the service you need',
  cardReading: 'Reading your card…',
  cardHold: 'Please keep the card on the reader',
  cardFailedTitle: 'The card could not be read',
  cardFailedBody: 'Please place the card on the reader again, or choose a service below.',
  cardHint: 'You can place your ID card on the reader',
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

/** The other language, shown smaller under calm notices. */
export const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/**
 * English for the server's Vietnamese "closed" message, which says when issuing reopens
 * ("… quay lại lúc 07:30 ngày mai."). Falls back to a general sentence.
 */
export function closedMessageEn(vi: string | null): string {
  const m = vi?.match(/lúc (\d{2}:\d{2}) (hôm nay|ngày mai|Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ nhật)/);
  if (!m) return en.closedBody;
  const day: Record<string, string> = {
    'hôm nay': 'today',
    'ngày mai': 'tomorrow',
    'Thứ Hai': 'on Monday',
    'Thứ Ba': 'on Tuesday',
    'Thứ Tư': 'on Wednesday',
    'Thứ Năm': 'on Thursday',
    'Thứ Sáu': 'on Friday',
    'Thứ Bảy': 'on Saturday',
    'Chủ nhật': 'on Sunday',
  };
  return `Tickets are not being issued right now. Please come back at ${m[1]} ${day[m[2] ?? ''] ?? ''}.`;
}

/**
 * The server's messages are Vietnamese, often followed by English in parentheses
 * ("Không đọc được thẻ. (The card could not be read.)"): the two parts, English null if absent.
 */
export function splitBilingual(message: string): { vi: string; en: string | null } {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/s.exec(message.trim());
  return m?.[1] && m[2] ? { vi: m[1], en: m[2].trim() } : { vi: message.trim(), en: null };
}
