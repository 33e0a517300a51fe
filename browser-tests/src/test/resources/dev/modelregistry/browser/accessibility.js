// The accessibility basics every console page is held to, run in the page by AccessibilityCheck.
// Each function returns a list of problems, one readable line each; an empty list means the page passes.
const a11y = {
  text(el) {
    return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
  },
  describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.getAttribute('name')) s += '[name=' + el.getAttribute('name') + ']';
    const t = a11y.text(el).slice(0, 40);
    return t ? s + ' "' + t + '"' : s;
  },
  // An accessible name from aria-label or aria-labelledby (pointing at elements with text).
  ariaNamed(el) {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    return ids.some(id => a11y.text(document.getElementById(id)));
  },

  structure() {
    const problems = [];
    if (!document.title.trim()) problems.push('the page has no <title>');
    if (!document.documentElement.getAttribute('lang')) problems.push('<html> has no lang attribute');

    for (const el of document.querySelectorAll('input, select, textarea')) {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (el.tagName === 'INPUT' && type === 'hidden') continue;
      if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(type)) {
        if (!(el.value || '').trim() && !a11y.ariaNamed(el)) problems.push('button without text: ' + a11y.describe(el));
        continue;
      }
      if (el.tagName === 'INPUT' && type === 'image') {
        if (!(el.getAttribute('alt') || '').trim() && !a11y.ariaNamed(el)) problems.push('image button without alt: ' + a11y.describe(el));
        continue;
      }
      const labelled = [...el.labels].some(label => a11y.text(label)) || a11y.ariaNamed(el);
      if (!labelled) problems.push('form control without a label: ' + a11y.describe(el));
    }
    for (const el of document.querySelectorAll('button')) {
      if (!a11y.text(el) && !a11y.ariaNamed(el)) problems.push('button without text: ' + a11y.describe(el));
    }
    for (const el of document.querySelectorAll('a[href]')) {
      const img = [...el.querySelectorAll('img')].some(i => (i.getAttribute('alt') || '').trim());
      if (!a11y.text(el) && !a11y.ariaNamed(el) && !img) problems.push('link without text: ' + el.getAttribute('href'));
    }

    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    const h1s = headings.filter(h => h.tagName === 'H1').length;
    if (h1s !== 1) problems.push('expected exactly one <h1>, found ' + h1s);
    let previous = 0;
    for (const h of headings) {
      const level = Number(h.tagName[1]);
      if (level > previous + 1) {
        problems.push('heading skips a level: <h' + level + '> "' + a11y.text(h) + '" after '
          + (previous ? '<h' + previous + '>' : 'the start of the page'));
      }
      previous = level;
    }

    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.getAttribute('src'));
    }
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.parentElement && svg.parentElement.closest('svg')) continue;
      if (svg.getAttribute('aria-hidden') === 'true') continue;
      const title = svg.querySelector(':scope > title');
      if (!a11y.ariaNamed(svg) && !a11y.text(title)) problems.push('<svg> without a text alternative (aria-label, aria-labelledby or <title>)');
    }
    return problems;
  },

  // What a keyboard user should be able to reach with Tab: every rendered, enabled link, button and control.
  // Of a radio group only one button is a tab stop, so a group counts as reached when any of it is.
  tabStops() {
    const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
    return [...document.querySelectorAll(selector)].filter(el => {
      if (el.tagName === 'INPUT' && el.type === 'hidden') return false;
      if (el.disabled || el.closest('[inert]')) return false;
      if (el.hasAttribute('tabindex') && el.tabIndex < 0) return false;
      if (el.getClientRects().length === 0) return false;
      return getComputedStyle(el).visibility === 'visible';
    });
  },
  groupOf(el) {
    return el.tagName === 'INPUT' && el.type === 'radio' && el.name ? 'radio:' + el.name : el;
  },
  // Records every element that receives focus, and moves the focus to the start of the document.
  startFocusWalk() {
    window.__a11yFocused = new Set();
    document.addEventListener('focusin', e => window.__a11yFocused.add(e.target), true);
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
    return a11y.tabStops().length;
  },
  missedByFocusWalk() {
    const reached = new Set([...window.__a11yFocused].map(a11y.groupOf));
    const missed = a11y.tabStops().filter(el => !reached.has(a11y.groupOf(el)));
    return missed.map(el => 'not reachable with Tab: ' + a11y.describe(el));
  },
};
