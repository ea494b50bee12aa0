// Live reload for `qiao serve`; never part of `qiao build` output.
//
// Listens to the preview's server-sent events ({base}__qiao/events):
// - `reload`: reloads the page when its own file, or a script, image or font,
//   changed; when only stylesheets changed, swaps them in place instead;
// - `errors`: shows the site's errors in an overlay (the page keeps showing the
//   last good version); `ok` removes it.
// Messages are put in the page with textContent only, and nothing here is inline
// code, so the script works under a strict Content-Security-Policy.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !('EventSource' in window)) return;
  const own = new URL('.', script.src); // {base}__qiao/
  const base = new URL('..', own); // the site's base path
  let overlay = null;

  // The output file this page was served from (`cases/x/index.html`).
  function pageFile() {
    let path = location.pathname;
    if (!path.startsWith(base.pathname)) return null;
    path = path.slice(base.pathname.length);
    try {
      path = decodeURIComponent(path);
    } catch {
      return null;
    }
    return path === '' || path.endsWith('/') ? path + 'index.html' : path;
  }

  const ASSET = /\.(m?js|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf)$/i;

  function mustReload(paths) {
    const mine = pageFile();
    if (mine === null) return true;
    return paths.some(
      (p) => p === mine || ASSET.test(p) || (mine.startsWith('search/') && p.startsWith('search/')),
    );
  }

  // New <link> elements load beside the old ones, which go once the new ones
  // are in: no flash of an unstyled page.
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('qiao-reload', Date.now().toString(36));
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener('load', () => link.remove(), { once: true });
      next.addEventListener('error', () => next.remove(), { once: true });
      link.after(next);
    }
  }

  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function el(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showErrors(data) {
    hideErrors();
    const lines = Array.isArray(data.lines) ? data.lines : [];
    const n = lines.length;
    const host = document.createElement('qiao-error-overlay');
    host.id = 'qiao-error-overlay';
    const root = host.attachShadow({ mode: 'open' });
    const style = el('link');
    style.rel = 'stylesheet';
    style.href = new URL('overlay.css', own).href;
    const panel = el('section', 'panel');
    panel.setAttribute('role', 'alert');
    const head = el('header', 'head');
    const title = el(
      'h2',
      'title',
      typeof data.title === 'string'
        ? data.title
        : `The site has ${n} error${n === 1 ? '' : 's'} · 站点有 ${n} 处错误`,
    );
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.title = 'Hide until the next change';
    close.addEventListener('click', hideErrors);
    head.append(title, close);
    const note = el(
      'p',
      'note',
      typeof data.note === 'string'
        ? data.note
        : 'This page shows the last good version. Fix the file and save: the page updates by itself. · 页面显示的是上一次成功构建的版本，修改并保存文件后会自动更新。',
    );
    const list = el('ol', 'lines');
    for (const line of lines) list.append(el('li', 'line', String(line)));
    panel.append(head, note, list);
    root.append(style, panel);
    (document.body || document.documentElement).append(host);
    overlay = host;
    for (const line of lines) console.error(line);
  }

  const events = new EventSource(new URL('events', own));
  events.addEventListener('reload', (event) => {
    const data = JSON.parse(event.data);
    if (data.css_only) {
      swapStylesheets();
    } else if (data.all || mustReload(data.paths || [])) {
      location.reload();
    }
  });
  events.addEventListener('errors', (event) => showErrors(JSON.parse(event.data)));
  events.addEventListener('ok', hideErrors);
})();
