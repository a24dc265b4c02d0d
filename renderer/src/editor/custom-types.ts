import type { BaseEditor } from 'slate';
import type { HistoryEditor } from 'slate-history';
import type { ReactEditor } from 'slate-react';
import type { FormattedText, RichTextElement } from '../../../shared/rich-text/model';

/*
 * Slate's nodes are exactly the shared rich-text model, so what the editor holds is what drafts
 * store and what toHtml turns into a message: there is no second format to convert from.
 */
declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor & HistoryEditor;
    Element: RichTextElement;
    Text: FormattedText;
  }
}
