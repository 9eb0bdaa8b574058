import { useTranslation } from 'react-i18next';
import { ProblemNote } from '../ProblemNote';
import type { PublishProblem } from '../publish/usePublish';
import { addSection, addTab, removeTab, updateTab, type FormModel } from './form-model';

interface FormTabsProps {
  model: FormModel;
  problems: ReadonlyMap<string, PublishProblem[]>;
  onChange: (model: FormModel) => void;
}

/** The form's tabs (add, rename, remove) and the button that adds a section. */
export function FormTabs({ model, problems, onChange }: FormTabsProps) {
  const { t } = useTranslation();
  const next = (prefix: string, taken: readonly string[]) => {
    let n = taken.length + 1;
    while (taken.includes(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  };
  return (
    <section className="card" aria-label={t('tabs')}>
      <h3>{t('tabs')}</h3>
      {model.tabs.length === 0 && <p className="muted">{t('noTabs')}</p>}
      <ol className="rule-list">
        {model.tabs.map((tab, i) => (
          <li key={tab.key} id={`tab-${i}`} className="form-grid" data-tab={tab.name}>
            <ProblemNote id={`tab-${i}-problems`} problems={problems.get(`tab-${i}`)} />
            <label>
              {t('fieldName')}
              <input value={tab.name} onChange={(e) => onChange(updateTab(model, tab.key, { name: e.target.value }))} />
            </label>
            <label>
              {t('labelZh')}
              <input
                value={tab.label['zh-CN'] ?? ''}
                onChange={(e) =>
                  onChange(updateTab(model, tab.key, { label: { ...tab.label, 'zh-CN': e.target.value } }))
                }
              />
            </label>
            <label>
              {t('labelEn')}
              <input
                value={tab.label.en ?? ''}
                onChange={(e) => onChange(updateTab(model, tab.key, { label: { ...tab.label, en: e.target.value } }))}
              />
            </label>
            <button
              type="button"
              className="icon-button danger"
              aria-label={`${t('delete')} ${tab.name}`}
              onClick={() => onChange(removeTab(model, tab.key))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const name = next(
              'tab',
              model.tabs.map((x) => x.name),
            );
            onChange(
              addTab(model, name, { 'zh-CN': `标签页 ${model.tabs.length + 1}`, en: `Tab ${model.tabs.length + 1}` }),
            );
          }}
        >
          {t('addTab')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          id="add-section"
          onClick={() => {
            const name = next(
              'section',
              model.sections.map((s) => s.name),
            );
            onChange(
              addSection(model, name, {
                'zh-CN': `分区 ${model.sections.length + 1}`,
                en: `Section ${model.sections.length + 1}`,
              }),
            );
          }}
        >
          {t('addSection')}
        </button>
      </div>
    </section>
  );
}
