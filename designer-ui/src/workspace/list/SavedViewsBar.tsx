import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeleteViewMutation, SavedViewsQuery, SaveViewMutation } from '../../api/generated';
import { DELETE_VIEW, SAVED_VIEWS, SAVE_VIEW } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import type { Field } from '../../metamodel';
import { readSettings, type ViewSettings } from './view-settings';

interface SavedViewsBarProps {
  entity: string;
  fields: readonly Field[];
  pageSizes: readonly number[];
  /** The list as it is shown now, saved as a view's settings. */
  current: ViewSettings;
  onApply: (settings: ViewSettings) => void;
}

/** Pick a saved view (the caller's own and the shared ones), save the current list as one, delete one. */
export function SavedViewsBar({ entity, fields, pageSizes, current, onApply }: SavedViewsBarProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const key = ['savedViews', entity];
  const views = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => client.request<SavedViewsQuery>(SAVED_VIEWS, { entity }, signal).then((d) => d.savedViews),
  });
  const [selected, setSelected] = useState('');
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      client.request<SaveViewMutation>(SAVE_VIEW, { entity, name, shared, settings: current }).then((d) => d.saveView),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: key });
      if (view) setSelected(view.id);
      setName('');
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => client.request<DeleteViewMutation>(DELETE_VIEW, { id }),
    onSuccess: async () => {
      setSelected('');
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const choose = (id: string) => {
    setSelected(id);
    const view = views.data?.find((v) => v.id === id);
    if (view) onApply(readSettings(view.settings, fields, pageSizes));
  };

  return (
    <div className="toolbar saved-views">
      <label>
        {t('views')}{' '}
        <select id="saved-view" value={selected} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('defaultView')}</option>
          {views.data?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.shared ? ` ${t('sharedMark')}` : ''}
            </option>
          ))}
        </select>
      </label>
      {selected && (
        <button type="button" className="button button--secondary" onClick={() => remove.mutate(selected)}>
          {t('deleteView')}
        </button>
      )}
      <span className="spacer" />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <input
          id="view-name"
          aria-label={t('viewName')}
          placeholder={t('viewName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label>
          <input id="view-shared" type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />{' '}
          {t('shareView')}
        </label>
        <button type="submit" className="button button--secondary" disabled={save.isPending || !name.trim()}>
          {t('saveView')}
        </button>
      </form>
      {(views.isError || save.isError || remove.isError) && (
        <ErrorPanel error={views.error ?? save.error ?? remove.error} />
      )}
    </div>
  );
}
