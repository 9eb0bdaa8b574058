import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { GraphQLRequestError } from '../../api/graphql';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useDiscardDraft, useDrafts, useSaveDraft, type Draft } from '../entity/useDrafts';
import { problemsByEditor } from './problem-path';
import { PublishDialog } from './PublishDialog';
import { useLastCheck, type PublishProblem } from './usePublish';

interface DraftEditorOptions {
  /** The route key the editor was opened with (`new`, a draft key, `published:<name>`). */
  routeKey: string;
  /** The draft it was opened from, if any. */
  draft?: Draft;
  /** The editor URL of a key (after a save the URL follows the draft's key). */
  hrefOf: (key: string) => string;
  /** Where to go when the draft is discarded. */
  listHref: string;
}

/**
 * What every designer of a definition does with its server draft: remember the revision it edits,
 * save (following a renamed key in the URL), discard, publish through the dialog and reopen what was
 * published, and show the last dry run's problems at the editor that owns them (`problems`, keyed
 * by editor id) and focus the one a link points at (`#field-3`).
 */
export function useDraftEditor({ routeKey, draft, hrefOf, listHref }: DraftEditorOptions) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const [saved, setSaved] = useState(draft ? { key: draft.key, revision: draft.revision } : undefined);
  const [dirty, setDirty] = useState(routeKey === 'new');
  const [publishing, setPublishing] = useState(false);
  const save = useSaveDraft();
  const discard = useDiscardDraft();
  const drafts = useDrafts();
  const check = useLastCheck();
  const index = drafts.data?.findIndex((d) => d.key === saved?.key) ?? -1;
  const problems = useMemo(
    () => (check && index >= 0 ? problemsByEditor(check.problems, index) : new Map<string, PublishProblem[]>()),
    [check, index],
  );

  useEffect(() => {
    const target = hash ? document.getElementById(hash.slice(1)) : null;
    target?.scrollIntoView({ block: 'center' });
    (target?.querySelector('input, select, textarea, [contenteditable]') as HTMLElement | null)?.focus();
  }, [hash]);

  const onSave = (definition: unknown) =>
    save.mutate(
      { definition, replaces: saved?.key ?? null, revision: saved?.revision ?? null },
      {
        onSuccess: (stored) => {
          if (!stored) return;
          setSaved({ key: stored.key, revision: stored.revision });
          setDirty(false);
          if (stored.key !== routeKey) navigate(hrefOf(stored.key), { replace: true });
        },
      },
    );
  const onDiscard = () => {
    if (saved && window.confirm(t('confirmDiscard'))) {
      discard.mutate(saved.key, { onSuccess: () => navigate(listHref) });
    }
  };
  const conflict =
    save.error instanceof GraphQLRequestError && save.error.errors[0]?.extensions?.code === 'VERSION_CONFLICT';

  /** The toolbar: title, draft badge, save state, save / discard / publish, and a refused save. */
  const toolbar = (title: string, definition: () => unknown): ReactNode => (
    <>
      <div className="toolbar">
        <h2>{title}</h2>
        {saved && <span className="badge">{t('draftBadge')}</span>}
        <span className="spacer" />
        <span className="muted" role="status" data-testid="save-state">
          {dirty ? t('unsaved') : saved ? t('saved', { revision: saved.revision }) : ''}
        </span>
        <button
          type="button"
          className="button button--primary"
          disabled={save.isPending}
          onClick={() => onSave(definition())}
        >
          {t('saveDraft')}
        </button>
        {saved && (
          <button type="button" className="button button--secondary" onClick={onDiscard}>
            {t('discardDraft')}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          disabled={dirty || !saved}
          onClick={() => setPublishing(true)}
        >
          {t('publish')}
        </button>
      </div>
      {conflict ? (
        <p className="error" role="alert">
          {t('conflict')}
        </p>
      ) : (
        save.isError && <ErrorPanel error={save.error} />
      )}
    </>
  );

  /** The publish dialog while open; after a publish, closing it reopens the published definition. */
  const dialog = (publishedKey: string | undefined): ReactNode =>
    publishing && (
      <PublishDialog
        onPublished={() => {
          setSaved(undefined);
          setDirty(false);
        }}
        onClose={() => {
          setPublishing(false);
          if (!saved && !dirty && publishedKey) navigate(hrefOf(publishedKey), { replace: true });
        }}
      />
    );

  return { problems, markDirty: () => setDirty(true), toolbar, dialog };
}
