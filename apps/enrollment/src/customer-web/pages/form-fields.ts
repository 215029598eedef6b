import { escapeHtml } from '@rekey/customer-web';

export interface FieldOptions {
  id: string;
  label: string;
  /** Shown under the label before anything is typed. */
  hint?: string;
  /** Why what was sent is refused: tied to the field, and the field takes the focus. */
  error?: string;
  /** The input's other attributes, already safe (constants of the page). */
  attributes: string;
}

/**
 * A labelled input whose hint and error are tied to it with aria-describedby. A field in error
 * is marked aria-invalid and focused when the page opens (autofocus: no script needed), so a
 * screen reader announces the error first. Its value is never filled in again: nothing the
 * customer typed is echoed. The field is one block (`.field`): the label in bold and its error
 * and hint close under it, so they read as one with the input rather than as loose paragraphs.
 */
export function formField(field: FieldOptions): string {
  const hintId = `${field.id}-hint`;
  const errorId = `${field.id}-error`;
  const describedBy = [field.error ? errorId : undefined, field.hint ? hintId : undefined].filter(Boolean);
  return [
    '<div class="field">',
    `<label for="${field.id}">${escapeHtml(field.label)}</label>`,
    field.error ? `<p id="${errorId}" class="error">${escapeHtml(field.error)}</p>` : '',
    field.hint ? `<p id="${hintId}" class="note">${escapeHtml(field.hint)}</p>` : '',
    `<input id="${field.id}" name="${field.id}" ${field.attributes}${
      describedBy.length > 0 ? ` aria-describedby="${describedBy.join(' ')}"` : ''
    }${field.error ? ' aria-invalid="true" autofocus' : ''}>`,
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}
