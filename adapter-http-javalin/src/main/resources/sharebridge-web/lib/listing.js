/*
 * What the folder listings of both pages have in common: the breadcrumb, the order of the
 * items (folders first, then by name) and the icon of an item.
 */
import { el } from './dom.js';
import { shown } from './format.js';

function crumb(text, href, current) {
  var li = el('li');
  if (current) {
    li.textContent = shown(text);
    li.setAttribute('aria-current', 'page');
  } else {
    var a = el('a', '', text);
    a.href = href;
    li.appendChild(a);
  }
  return li;
}

/**
 * The breadcrumb of path in the list element: rootName, then each folder of path, the last one
 * marked as the current page; hrefOf(names) is the address of a folder. Hidden at the root.
 */
export function renderCrumbs(list, rootName, path, hrefOf) {
  list.textContent = '';
  list.parentNode.hidden = path.length === 0;
  list.appendChild(crumb(rootName, hrefOf([]), path.length === 0));
  path.forEach(function (s, i) {
    list.appendChild(crumb(s, hrefOf(path.slice(0, i + 1)), i === path.length - 1));
  });
}

/** A sorted copy of the items: folders first, then by name. */
export function sortItems(items) {
  return items.slice().sort(function (a, b) {
    if (a.type !== b.type) { return a.type === 'folder' ? -1 : 1; }
    return a.name.localeCompare(b.name);
  });
}

/** The icon of an item of this type ('folder' or 'file'), hidden from screen readers. */
export function itemIcon(type) {
  var icon = el('span', 'icon ' + (type === 'folder' ? 'icon-folder' : 'icon-file'));
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}
