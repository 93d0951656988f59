/**
 * Ten common commune-level procedures for the demo office, written from the national catalogue
 * (Cơ sở dữ liệu quốc gia về TTHC) as published to the best of our knowledge.
 *
 * verify: true — TO VERIFY AGAINST dichvucong.gov.vn (and the province's own published list,
 * whose fees set by the provincial People's Council differ) BEFORE USE. Codes, papers, times,
 * fees and legal bases change; the demo only shows what the catalogue can hold. An office
 * imports its province's list (admin page → Thủ tục hành chính → Nhập tệp) instead.
 *
 * `field` is the demo office's field code (server/domain/seed.ts): the civil-status and
 * authentication procedures go to TP (Tư pháp – Hộ tịch); the social-assistance one to VHXH.
 */
import type { ProcedureChannel, ProcedureDocument, ProcedureLevel } from '../../../shared/catalogue';

export interface DemoProcedure {
  /** Every entry is to verify against dichvucong.gov.vn before use. */
  verify: true;
  code: string;
  name: string;
  field: string;
  fieldName: string;
  level: ProcedureLevel;
  channels: ProcedureChannel[];
  documents: ProcedureDocument[];
  sets: number;
  applicants: string;
  result: string;
  legalBasis: string;
}

const HOTICH_BASIS =
  'Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC (lệ phí hộ tịch).';
const CHUNGTHUC_BASIS =
  'Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC (phí chứng thực).';
const ID_PAPERS: ProcedureDocument = {
  name: 'Giấy tờ tùy thân (thẻ Căn cước, hộ chiếu hoặc giấy tờ có ảnh do cơ quan có thẩm quyền cấp)',
  form: 'presented',
  copies: 1,
};

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    verify: true,
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'toan_trinh',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: 'Miễn lệ phí (đăng ký đúng hạn)' },
      { channel: 'truc_tuyen', time: { unit: 'same_day' }, fee: 'Miễn lệ phí (đăng ký đúng hạn)' },
      { channel: 'buu_chinh', time: { unit: 'same_day' }, fee: 'Miễn lệ phí (đăng ký đúng hạn)' },
    ],
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh)', form: 'original', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Cha, mẹ, ông, bà hoặc người thân thích khác, cá nhân, tổ chức đang nuôi dưỡng trẻ em.',
    result: 'Giấy khai sinh (bản chính); bản sao Giấy khai sinh nếu có yêu cầu.',
    legalBasis: HOTICH_BASIS,
  },
  {
    verify: true,
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'mot_phan',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: 'Miễn lệ phí' },
      { channel: 'truc_tuyen', time: { unit: 'same_day' }, fee: 'Miễn lệ phí' },
    ],
    documents: [
      { name: 'Tờ khai đăng ký kết hôn theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy xác nhận tình trạng hôn nhân (khi không đăng ký tại nơi thường trú)', form: 'original', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Nam, nữ công dân Việt Nam đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình; hai bên có mặt khi đăng ký.',
    result: 'Giấy chứng nhận kết hôn (bản chính, mỗi bên một bản).',
    legalBasis: `Luật Hôn nhân và gia đình số 52/2014/QH13; ${HOTICH_BASIS}`,
  },
  {
    verify: true,
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'toan_trinh',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: 'Miễn lệ phí (đăng ký đúng hạn)' },
      { channel: 'truc_tuyen', time: { unit: 'same_day' }, fee: 'Miễn lệ phí (đăng ký đúng hạn)' },
    ],
    documents: [
      { name: 'Tờ khai đăng ký khai tử theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử', form: 'original_or_certified_copy', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Vợ, chồng, con, cha, mẹ hoặc người thân thích khác của người chết; cơ quan, tổ chức nơi người chết cư trú.',
    result: 'Trích lục khai tử (bản chính).',
    legalBasis: HOTICH_BASIS,
  },
  {
    verify: true,
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: 'TP',
    fieldName: 'Chứng thực',
    level: '',
    channels: [
      {
        channel: 'truc_tiep',
        time: { unit: 'same_day' },
        fee: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
      },
    ],
    documents: [
      { name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', form: 'presented', copies: 1 },
      { name: 'Bản sao cần chứng thực (nếu người yêu cầu tự mang bản sao)', form: 'copy', copies: 1 },
    ],
    sets: 1,
    applicants: 'Cá nhân, tổ chức.',
    result: 'Bản sao được chứng thực từ bản chính.',
    legalBasis: CHUNGTHUC_BASIS,
  },
  {
    verify: true,
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'toan_trinh',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'same_day' }, fee: '8.000 đồng/bản sao trích lục' },
      { channel: 'truc_tuyen', time: { unit: 'same_day' }, fee: '8.000 đồng/bản sao trích lục' },
      { channel: 'buu_chinh', time: { unit: 'same_day' }, fee: '8.000 đồng/bản sao trích lục' },
    ],
    documents: [{ name: 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu', form: 'original', copies: 1 }, ID_PAPERS],
    sets: 1,
    applicants: 'Cá nhân không phụ thuộc nơi cư trú; cơ quan nhà nước có yêu cầu.',
    result: 'Bản sao trích lục hộ tịch.',
    legalBasis: `${HOTICH_BASIS} Thông tư số 281/2016/TT-BTC (phí khai thác cơ sở dữ liệu hộ tịch).`,
  },
  {
    verify: true,
    code: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'toan_trinh',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
      { channel: 'truc_tuyen', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
    ],
    documents: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy tờ chứng minh việc ly hôn hoặc người kia đã chết (nếu đã có vợ, chồng)', form: 'certified_copy', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Công dân Việt Nam cư trú trong nước.',
    result: 'Giấy xác nhận tình trạng hôn nhân.',
    legalBasis: HOTICH_BASIS,
  },
  {
    verify: true,
    code: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)',
    field: 'TP',
    fieldName: 'Chứng thực',
    level: '',
    channels: [{ channel: 'truc_tiep', time: { unit: 'same_day' }, fee: '10.000 đồng/trường hợp' }],
    documents: [{ name: 'Giấy tờ, văn bản cần chứng thực chữ ký', form: 'original', copies: 1 }, ID_PAPERS],
    sets: 1,
    applicants: 'Cá nhân.',
    result: 'Giấy tờ, văn bản được chứng thực chữ ký.',
    legalBasis: CHUNGTHUC_BASIS,
  },
  {
    verify: true,
    code: '1.001022',
    name: 'Đăng ký nhận cha, mẹ, con',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'mot_phan',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
      { channel: 'truc_tuyen', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
    ],
    documents: [
      { name: 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', form: 'original', copies: 1 },
      { name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản giám định ADN hoặc giấy tờ khác)', form: 'original_or_certified_copy', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Người nhận và người được nhận là cha, mẹ, con (có mặt khi đăng ký).',
    result: 'Trích lục đăng ký nhận cha, mẹ, con.',
    legalBasis: HOTICH_BASIS,
  },
  {
    verify: true,
    code: '1.004859',
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    field: 'TP',
    fieldName: 'Hộ tịch',
    level: 'toan_trinh',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
      { channel: 'truc_tuyen', time: { unit: 'working_days', value: 3 }, fee: 'Theo Nghị quyết của HĐND tỉnh' },
    ],
    documents: [
      { name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung', form: 'original_or_certified_copy', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Cá nhân có yêu cầu (người chưa thành niên, người mất năng lực hành vi dân sự qua người đại diện).',
    result: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch.',
    legalBasis: `Bộ luật Dân sự số 91/2015/QH13; ${HOTICH_BASIS}`,
  },
  {
    verify: true,
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    field: 'VHXH',
    fieldName: 'Bảo trợ xã hội',
    level: 'mot_phan',
    channels: [
      { channel: 'truc_tiep', time: { unit: 'working_days', value: 10 }, fee: 'Không' },
      { channel: 'truc_tuyen', time: { unit: 'working_days', value: 10 }, fee: 'Không' },
      { channel: 'buu_chinh', time: { unit: 'working_days', value: 10 }, fee: 'Không' },
    ],
    documents: [
      { name: 'Tờ khai đề nghị trợ giúp xã hội theo mẫu', form: 'original', copies: 1 },
      { name: 'Giấy xác nhận khuyết tật (đối với người khuyết tật)', form: 'copy', copies: 1 },
      ID_PAPERS,
    ],
    sets: 1,
    applicants: 'Đối tượng bảo trợ xã hội theo Nghị định số 20/2021/NĐ-CP (người cao tuổi, người khuyết tật, trẻ em mồ côi…).',
    result: 'Quyết định trợ cấp xã hội hàng tháng hoặc văn bản trả lời nêu rõ lý do.',
    legalBasis: 'Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP sửa đổi, bổ sung Nghị định 20/2021/NĐ-CP.',
  },
];
