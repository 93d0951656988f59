import { describe, expect, it } from 'vitest';
import { applyForm, applyTone, tonePreview, type Form, type Tone } from '../../shared/web/VietKeyboard';

/** Types plain letters, then applies the keys in order, like a citizen touching them. */
function press(text: string, ...keys: (Form | Tone)[]): string | null {
  let v: string | null = text;
  for (const k of keys) {
    if (v === null) return null;
    v = (k.length === 1 ? applyForm(v, k as Form) : applyTone(v, k as Tone));
  }
  return v;
}

describe('VietKeyboard: letter forms and tone marks without Telex', () => {
  it('puts a tone on a single vowel: a + sắc = á, and every tone on a', () => {
    expect(press('a', 'sac')).toBe('á');
    expect(press('a', 'huyen')).toBe('à');
    expect(press('a', 'hoi')).toBe('ả');
    expect(press('a', 'nga')).toBe('ã');
    expect(press('a', 'nang')).toBe('ạ');
  });

  it('combines a form and a tone in either order: o + ơ + huyền = ờ, o + huyền + ơ = ờ', () => {
    expect(press('o', 'ơ', 'huyen')).toBe('ờ');
    expect(press('o', 'huyen', 'ơ')).toBe('ờ');
    expect(press('a', 'â', 'nga')).toBe('ẫ');
    expect(press('e', 'ê', 'hoi')).toBe('ể');
    expect(press('u', 'ư', 'nang')).toBe('ự');
  });

  it('turns d into đ, and a second touch undoes a form', () => {
    expect(press('d', 'đ')).toBe('đ');
    expect(press('dang', 'đ')).toBe('đang');
    expect(press('d', 'đ', 'đ')).toBe('d');
    expect(press('a', 'â', 'â')).toBe('a');
    expect(press('a', 'â', 'ă')).toBe('ă');
    expect(press('o', 'ô', 'ơ')).toBe('ơ');
  });

  it('a second touch of the same tone takes it off; another tone replaces it', () => {
    expect(press('a', 'sac', 'sac')).toBe('a');
    expect(press('a', 'sac', 'huyen')).toBe('à');
  });

  it('places the tone by spelling rules on the word being typed', () => {
    expect(press('dang ky ket', 'ê', 'sac')).toBe('dang ky kết');
    expect(press('ket hon', 'ô')).toBe('ket hôn');
    expect(press('cua', 'hoi')).toBe('của');
    expect(press('hoa', 'huyen')).toBe('hòa');
    expect(press('toan', 'huyen')).toBe('toàn');
    expect(press('quy', 'sac')).toBe('quý');
    expect(press('gi', 'huyen')).toBe('gì');
    expect(press('gia', 'huyen')).toBe('già');
    expect(press('nguoi', 'huyen', 'ơ', 'ư')).toBe('người');
    expect(press('nguoi', 'ư', 'ơ', 'huyen')).toBe('người');
    expect(press('ngoai', 'huyen')).toBe('ngoài');
    expect(press('khuyu', 'hoi')).toBe('khuỷu');
    expect(press('muon', 'ô', 'sac')).toBe('muốn');
    expect(press('mua', 'ư', 'sac')).toBe('mứa');
    expect(press('thu tuc', 'nang')).toBe('thu tục');
  });

  it('refuses a mark that has nothing to go on (no vowel, no matching letter, after a space)', () => {
    expect(applyTone('', 'sac')).toBeNull();
    expect(applyTone('kh', 'sac')).toBeNull();
    expect(applyTone('ban ', 'sac')).toBeNull();
    expect(applyForm('bin', 'ê')).toBeNull();
    expect(applyForm('an', 'đ')).toBeNull();
  });

  it('keeps the case of a capital letter', () => {
    expect(press('A', 'â', 'sac')).toBe('Ấ');
    expect(press('D', 'đ')).toBe('Đ');
  });

  it('shows on each tone key the letter it will produce, disabled when there is none', () => {
    expect(tonePreview('ket', 'sac')).toEqual({ label: 'é', enabled: true });
    expect(tonePreview('kêt', 'nang')).toEqual({ label: 'ệ', enabled: true });
    expect(tonePreview('', 'huyen')).toEqual({ label: 'à', enabled: false });
  });
});
