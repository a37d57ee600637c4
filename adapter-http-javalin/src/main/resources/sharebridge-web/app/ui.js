/*
 * The app's own small pieces of page: which view shows (and which tab is current), the flash
 * message at the top, small buttons, and wording several views share.
 */
import { $, el, showViews } from '/assets/lib/dom.js';
import { shown } from '/assets/lib/format.js';

var VIEWS = ['signin', 'files', 'links', 'rooms', 'room'];
var TABS = ['files', 'links', 'rooms'];

/** Shows the view name, hides the others, and marks its tab as the current page. */
export function show(name) {
  showViews(VIEWS, [name]);
  var tab = name === 'room' ? 'rooms' : name;
  TABS.forEach(function (t) {
    if (t === tab) { $('nav-' + t).setAttribute('aria-current', 'page'); } else { $('nav-' + t).removeAttribute('aria-current'); }
  });
}

/** The message at the top of the page (info: a success, not an error); '' hides it. */
export function flash(text, info) {
  var f = $('flash');
  f.textContent = shown(text || '');
  f.className = 'flash' + (info ? ' info' : '');
  f.hidden = !text;
}

/** A small button with text, an optional extra class and an aria-label when it needs one. */
export function button(text, cls, onClick, label) {
  var b = el('button', 'button small' + (cls ? ' ' + cls : ''), text);
  b.type = 'button';
  if (label) { b.setAttribute('aria-label', shown(label)); }
  b.addEventListener('click', onClick);
  return b;
}

/** "1 link", "2 links". */
export function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

/** What a link's permissions let people do, in words. */
export function permsText(p) {
  p = p || {};
  var text = p.read && p.write ? 'can edit' : p.write ? 'file drop' : 'view only';
  return p.reshare ? text + ', can reshare' : text;
}

/**
 * A link's WebDAV address, <base>/dav/s/<token>/ (docs/webdav.md), for file managers and rclone:
 * the base of the link's own address (the server's public_url), else this page's origin.
 */
export function davUrl(s) {
  var page = '/s/' + s.token;
  var url = String(s.url || '');
  var base = url.slice(-page.length) === page ? url.slice(0, -page.length) : location.origin;
  return base + '/dav/s/' + s.token + '/';
}
