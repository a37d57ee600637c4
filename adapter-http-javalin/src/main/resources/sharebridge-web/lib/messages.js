/*
 * The two ways both pages tell the user something: the screen-reader status line (#status)
 * and an error paragraph next to what failed. Text goes in through shown().
 */
import { $ } from './dom.js';
import { shown } from './format.js';

/** Says text to screen readers through the live region #status. */
export function announce(text) { $('status').textContent = shown(text); }

/** Shows text in the error paragraph id, or hides the paragraph when text is empty. */
export function showError(id, text) {
  var e = $(id);
  e.textContent = shown(text || '');
  e.hidden = !text;
}
