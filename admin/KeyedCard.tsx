import type { ComponentChildren } from 'preact';
import { CopyField } from './CopyField';
import { TextInput } from './form';

/** "Tầng 1 – Sảnh" → "tang-1-sanh": a key (for a URL) from a Vietnamese name. */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** The words of one kind of keyed card (a TV display profile, a kiosk). */
export interface KeyedWords {
  /** Input names: `${prefix}-name-${index}`, `${prefix}-key-${index}`; test id `${prefix}-url-${index}`. */
  prefix: string;
  thing: string;
  thingEn: string;
  namePlaceholder: string;
  keyPlaceholder: string;
  keyHint: string;
  urlLabel: string;
  urlLabelEn: string;
}

interface Props {
  words: KeyedWords;
  index: number;
  item: { key: string; name: string };
  url: (key: string) => string;
  onChange: (patch: { key?: string; name?: string }) => void;
  onRemove: () => void;
  children?: ComponentChildren;
}

/**
 * A named item with a URL key (display profile, kiosk): name, key (filled from the name
 * until edited by hand), the URL to open on that device, the item's own fields, and remove.
 */
export function KeyedCard({ words: w, index, item, url, onChange, onRemove, children }: Props) {
  return (
    <fieldset class="profile" data-key={item.key} data-index={index}>
      <legend>{item.name || `${w.thing} ${index + 1}`}</legend>
      <div class="form-grid">
        <TextInput
          label={`Tên ${w.thing.toLowerCase()}`}
          en="Name"
          name={`${w.prefix}-name-${index}`}
          value={item.name}
          placeholder={w.namePlaceholder}
          onValue={(name) => onChange({ name, key: item.key === '' || item.key === slug(item.name) ? slug(name) : item.key })}
        />
        <TextInput
          label={`Mã ${w.thing.toLowerCase()}`}
          en="Key"
          name={`${w.prefix}-key-${index}`}
          value={item.key}
          placeholder={w.keyPlaceholder}
          hint={w.keyHint}
          onValue={(key) => onChange({ key })}
        />
        {item.key ? (
          <CopyField label={w.urlLabel} en={w.urlLabelEn} value={url(item.key)} testId={`${w.prefix}-url-${index}`} />
        ) : (
          <p class="muted wide">
            Nhập mã để có địa chỉ. <span class="en">Enter a key to get the URL.</span>
          </p>
        )}
        {children}
        <div class="profile-remove">
          <button type="button" class="btn btn-danger" onClick={onRemove}>
            Xoá {w.thing.toLowerCase()} này <span class="en">Remove {w.thingEn}</span>
          </button>
        </div>
      </div>
    </fieldset>
  );
}
