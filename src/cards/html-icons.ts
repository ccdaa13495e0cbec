// Inline SVG icons for the symbols cards and answers use (✅ ⬜ 👍 👎 …): a browser without an emoji font shows an
// empty box (tofu) for them, and the 质量贷 checklist means nothing then. The HTML renderer swaps each symbol for its
// icon; the text renderer keeps the symbols (terminals draw them).

const svg = (label: string, body: string, viewBox = '0 0 24 24') =>
  `<svg class="qs-icon" viewBox="${viewBox}" width="1.15em" height="1.15em" role="img" aria-label="${label}">` +
  `<title>${label}</title>${body}</svg>`

const CHECKED = svg(
  '已具备',
  '<rect x="2" y="2" width="20" height="20" rx="4" fill="#34c724"/>' +
    '<path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>',
)
const UNCHECKED = svg(
  '暂未具备',
  '<rect x="3" y="3" width="18" height="18" rx="3.5" fill="#fff" stroke="#8f959e" stroke-width="2"/>',
)
const CROSS = svg(
  '不符合',
  '<rect x="2" y="2" width="20" height="20" rx="4" fill="#f54a45"/>' +
    '<path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>',
)
const WARNING = svg(
  '注意',
  '<path d="M12 2.5L22.5 21h-21z" fill="#ff8800" stroke-linejoin="round"/>' +
    '<path d="M12 9v6" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><circle cx="12" cy="18" r="1.3" fill="#fff"/>',
)
// Thumb shapes: Material Design icons (Apache 2.0), "thumb_up" and "thumb_down".
const THUMB_UP = svg(
  '赞',
  '<path fill="currentColor" d="M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"/>',
)
const THUMB_DOWN = svg(
  '踩',
  '<path fill="currentColor" d="M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z"/>',
)

/** Each symbol (with or without the emoji variation selector) and its icon. */
export const ICONS: Record<string, string> = {
  '✅': CHECKED,
  '✔': CHECKED,
  '☑': CHECKED,
  '⬜': UNCHECKED,
  '☐': UNCHECKED,
  '❌': CROSS,
  '✖': CROSS,
  '⚠': WARNING,
  '👍': THUMB_UP,
  '👎': THUMB_DOWN,
}

const SYMBOLS = new RegExp(`(${Object.keys(ICONS).join('|')})\\uFE0F?`, 'gu')

/** Replaces every known symbol in already-escaped HTML by its inline SVG icon. */
export function iconize(html: string): string {
  return html.replace(SYMBOLS, (_, symbol: string) => ICONS[symbol] ?? symbol)
}
