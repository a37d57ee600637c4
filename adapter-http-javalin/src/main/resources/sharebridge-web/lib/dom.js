/*
 * DOM helpers of both pages: an element by id, new elements that hold text (always through
 * shown(), never as HTML), and switching between the page's views (<section id="view-NAME">).
 */
import { shown } from './format.js';

export function $(id) { return document.getElementById(id); }

/** A new element with an optional class and optional text. */
export function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== undefined && text !== null) { e.textContent = shown(text); }
  return e;
}

/** Shows the views named in visible and hides the others of all. */
export function showViews(all, visible) {
  all.forEach(function (v) { $('view-' + v).hidden = visible.indexOf(v) < 0; });
}
