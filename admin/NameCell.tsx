import { Icon } from '../kiosk/icons';

/** A row's name in a table: its icon (fields), the Vietnamese name, the English one smaller. */
export function NameCell({ name, en, icon }: { name: string; en: string; icon?: string }) {
  return (
    <span class="name-cell">
      {icon && <Icon name={icon} size={22} class="icon cell-icon" />}
      <span>
        {name}
        {en && <small class="en">{en}</small>}
      </span>
    </span>
  );
}
