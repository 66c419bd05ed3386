// Building DOM nodes and formatting numbers: the only helpers every view shares.

const SVG = new Set(["svg", "circle", "line", "text", "g", "title", "path", "pattern", "defs", "rect"]);

/** h("p", {class: "x"}, "text", child): an element with attributes and children. */
export function h(tag, attrs, ...children) {
  const el = SVG.has(tag)
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.setAttribute("class", value);
    else if (name === "style") for (const [k, v] of Object.entries(value)) el.style.setProperty(k, v);
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A seat count in Indian grouping, or a dash when there is none. */
export const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-IN"));
