import type { PriorityCategory, PublicService, ServiceQueueStats } from '../shared/contract';
import type { Lang, Strings } from './i18n';
import { Icon, priorityIcon } from './icons';
import { FieldGrid, TileText } from './Home';

export const priorityName = (p: PriorityCategory, lang: Lang) => (lang === 'en' && p.nameEn ? p.nameEn : p.name);

function BackBar(props: { t: Strings; title: string; onBack: () => void }) {
  return (
    <div class="backbar">
      <button type="button" class="btn btn-back" onClick={props.onBack}>
        <Icon name="back" size={40} />
        {props.t.back}
      </button>
      <h1 class="prompt">{props.title}</h1>
    </div>
  );
}

/** Step 1 of the priority path: which priority category the citizen belongs to. */
export function PriorityPicker(props: {
  priorities: PriorityCategory[];
  lang: Lang;
  t: Strings;
  onPick: (p: PriorityCategory) => void;
  onBack: () => void;
}) {
  const { t } = props;
  return (
    <section class="priority" data-screen="priority">
      <BackBar t={t} title={t.priorityQuestion} onBack={props.onBack} />
      <div class="choices" style={{ '--n': props.priorities.length }}>
        {props.priorities.map((p) => {
          const en = props.lang === 'en' && p.nameEn !== '';
          return (
            <button key={p.id} type="button" class="choice" data-priority={p.id} onClick={() => props.onPick(p)}>
              <span class="choice-icon">
                <Icon name={priorityIcon(p.name)} size={72} />
              </span>
              <TileText name={p.name} nameEn={p.nameEn} en={en} />
            </button>
          );
        })}
      </div>
      <p class="hint">{t.priorityNote}</p>
    </section>
  );
}

/** Step 2 of the priority path: the field, with the chosen category shown above. */
export function PriorityFields(props: {
  priority: PriorityCategory;
  services: PublicService[];
  stats: ServiceQueueStats[];
  lang: Lang;
  t: Strings;
  disabled: boolean;
  onPick: (s: PublicService) => void;
  onBack: () => void;
}) {
  const { t } = props;
  return (
    <section class="priority-fields" data-screen="priority-fields">
      <BackBar t={t} title={t.chooseFieldPriority} onBack={props.onBack} />
      <p class="chosen">
        <Icon name={priorityIcon(props.priority.name)} size={40} />
        {t.priorityChosen(priorityName(props.priority, props.lang))}
      </p>
      <FieldGrid
        services={props.services}
        stats={props.stats}
        lang={props.lang}
        t={t}
        disabled={props.disabled}
        onPick={props.onPick}
      />
    </section>
  );
}
