import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ExpressionFunctionsQuery } from '../../api/generated';
import { EXPRESSION_FUNCTIONS } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { useLocale } from '../../app/useLocale';
import type { PublishProblem } from '../publish/usePublish';
import { completionItems, problemRange, type CompletionField, type CompletionItem } from './expression-support';

export interface ExpressionEditorProps {
  id: string;
  /** The accessible name of the editor (it is not a form control a `<label>` can point at). */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Fields the expression may name, offered by completion. */
  fields: readonly CompletionField[];
  /** A stored formula: functions that read the clock are not offered. */
  inFormula?: boolean;
  /** The dry run's problems of this expression, marked at their line and column. */
  problems?: readonly PublishProblem[];
}

/** The functions of the expression language, in the UI's language. */
function useExpressionFunctions() {
  const client = useClient();
  const { locale } = useLocale();
  return useQuery({
    queryKey: ['expressionFunctions', locale],
    queryFn: ({ signal }) =>
      client
        .request<ExpressionFunctionsQuery>(EXPRESSION_FUNCTIONS, undefined, signal)
        .then((d) => d.expressionFunctions),
    staleTime: Infinity,
  });
}

function complete(context: CompletionContext, items: readonly CompletionItem[]): CompletionResult | null {
  const word = context.matchBefore(/[A-Za-z_][\w]*/);
  if (!word && !context.explicit) {
    return null;
  }
  return { from: word?.from ?? context.pos, options: [...items], validFor: /^\w*$/ };
}

/**
 * A CodeMirror 6 editor for one expression: completion of the entity's fields and the server's
 * functions (Ctrl-Space or while typing a name), and the server's problems underlined where they are.
 */
export function ExpressionEditor({
  id,
  label,
  value,
  onChange,
  fields,
  inFormula = false,
  problems,
}: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const functions = useExpressionFunctions();
  const items = useRef<CompletionItem[]>([]);
  const changed = useRef(onChange);
  items.current = completionItems(fields, functions.data ?? [], inFormula);
  changed.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          autocompletion({ override: [(context) => complete(context, items.current)] }),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ id, 'aria-label': label, 'aria-multiline': 'true', spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              changed.current(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // the editor is made once; value, problems and completions reach it through the effects and refs below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) {
      return;
    }
    const text = editor.state.doc.toString();
    const diagnostics: Diagnostic[] = (problems ?? []).map((p) => ({
      ...(p.line ? problemRange(text, p.line, p.column ?? 1) : { from: 0, to: text.length }),
      severity: 'error',
      message: p.message,
    }));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problems]);

  return <div ref={host} className={`expression-editor${problems?.length ? ' expression-editor--invalid' : ''}`} />;
}
