/**
 * `h(tag, props, ...children)`: builds elements with text set through text nodes only,
 * so page or server text is never parsed as HTML.
 */

export function h(tag, props = {}, ...children) {
  const el = (props.doc ?? document).createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false || key === 'doc') continue;
    if (key === 'className') el.className = value;
    else if (key === 'style') for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? el.ownerDocument.createTextNode(String(child)) : child);
  }
  return el;
}
