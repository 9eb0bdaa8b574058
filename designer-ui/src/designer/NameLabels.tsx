import { useTranslation } from 'react-i18next';

interface Props {
  /** Ids are `${id}-name`, `${id}-label-zh`, `${id}-label-en`. */
  id: string;
  name: string;
  label: { [locale: string]: string };
  onChange: (name: string, label: { [locale: string]: string }) => void;
}

/** The API name and the Chinese and English labels of a definition or one of its items (inside a form grid). */
export function NameLabels({ id, name, label, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('fieldName')}
        <input id={`${id}-name`} value={name} onChange={(e) => onChange(e.target.value, label)} />
      </label>
      <label>
        {t('labelZh')}
        <input
          id={`${id}-label-zh`}
          value={label['zh-CN'] ?? ''}
          onChange={(e) => onChange(name, { ...label, 'zh-CN': e.target.value })}
        />
      </label>
      <label>
        {t('labelEn')}
        <input
          id={`${id}-label-en`}
          value={label.en ?? ''}
          onChange={(e) => onChange(name, { ...label, en: e.target.value })}
        />
      </label>
    </>
  );
}
