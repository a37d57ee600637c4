/*
 * The copy buttons: any element with data-copy="ID" copies the value of the input ID (or the
 * text of another element) and says so on the button; without clipboard access the text is
 * selected for Ctrl+C instead.
 */
import { $, el } from '/assets/lib/dom.js';
import { announce } from '/assets/lib/messages.js';

/** Selects the text of source and says below the button's row how to copy it. */
function selectInstead(source, btn) {
  if (source.tagName === 'INPUT') {
    source.focus();
    source.select();
  } else {
    var range = document.createRange();
    range.selectNodeContents(source);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  var row = btn.parentNode;
  var hint = row.nextElementSibling;
  if (!hint || !hint.classList.contains('copy-hint')) {
    hint = el('p', 'copy-hint', 'Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    row.parentNode.insertBefore(hint, row.nextSibling);
  }
  announce('Copying is not allowed here; the text is selected instead');
}

/** Copies the value of an input, or the text of any other element, and says so on the button. */
function copy(source, btn) {
  var value = source.tagName === 'INPUT' ? source.value : source.textContent;
  var label = btn.getAttribute('data-label') || btn.textContent;
  btn.setAttribute('data-label', label);
  function done(text) {
    btn.textContent = text;
    announce(text);
    setTimeout(function () { btn.textContent = label; }, 2000);
  }
  // no clipboard access (old browser, denied permission): select the text for Ctrl+C / long press
  function fallback() { selectInstead(source, btn); }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).then(function () { done('Copied'); }, fallback);
  } else {
    fallback();
  }
}

/** Makes every [data-copy] element a copy button, also those added later. */
export function wireCopyButtons() {
  document.addEventListener('click', function (e) {
    var target = e.target.closest ? e.target.closest('[data-copy]') : null;
    if (target) { copy($(target.getAttribute('data-copy')), target); }
  });
}
