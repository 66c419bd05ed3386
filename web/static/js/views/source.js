// The popover that shows the sentence behind a number.
import { h } from "../dom.js";
import { absoluteTime } from "../time.js";

let hideTimer = null;

/** Wrap a number so hovering, focusing or tapping it shows its source. */
export function sourced(numberEl, source, when) {
  const button = h("button", {
    type: "button", class: "src", "aria-haspopup": "dialog",
    "aria-label": `${numberEl.textContent}: show source`,
  }, numberEl);
  const open = () => showSource(button, source, when);
  button.addEventListener("mouseenter", open);
  button.addEventListener("focus", open);
  button.addEventListener("click", (e) => { e.stopPropagation(); open(); });
  button.addEventListener("mouseleave", hideSourceSoon);
  button.addEventListener("blur", hideSourceSoon);
  return button;
}

function showSource(anchor, source, when) {
  clearTimeout(hideTimer);
  const pop = document.getElementById("source-pop");
  const sentence = source.sentence || "";
  const quote = h("blockquote", { class: "source-pop__quote", lang: source.lang || null });
  if (source.span && source.span.length === 2 && source.span[1] <= sentence.length) {
    const [a, b] = source.span;
    quote.append(sentence.slice(0, a), h("mark", {}, sentence.slice(a, b)), sentence.slice(b));
  } else quote.append(sentence || "No sentence recorded for this number.");
  const kinds = { feed: "Results feed", article: "News article", simulation: "Simulation" };
  const meta = h("p", { class: "source-pop__meta" },
    h("strong", {}, source.outlet || kinds[source.kind] || "Source"),
    source.published ? h("span", {}, ` · published ${absoluteTime(source.published)}`) : null,
    when ? h("span", {}, ` · for ${absoluteTime(when)}`) : null);
  pop.replaceChildren(quote, meta);
  if (source.url && /^https?:\/\//.test(source.url)) {
    pop.append(h("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, "Read the source ↗"));
  }
  pop.hidden = false;
  const box = anchor.getBoundingClientRect();
  const width = Math.min(360, window.innerWidth - 24);
  pop.style.setProperty("width", `${width}px`);
  const left = Math.max(12, Math.min(window.innerWidth - width - 12, box.left + box.width / 2 - width / 2));
  pop.style.setProperty("left", `${left + window.scrollX}px`);
  const below = box.bottom + 10 + pop.offsetHeight < window.innerHeight;
  const top = below ? box.bottom + 10 : box.top - 10 - pop.offsetHeight;
  pop.style.setProperty("top", `${top + window.scrollY}px`);
  anchor.setAttribute("aria-describedby", "source-pop");
}

function hideSourceSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => { document.getElementById("source-pop").hidden = true; }, 250);
}

export function installSourcePopover() {
  const hide = () => { document.getElementById("source-pop").hidden = true; };
  document.addEventListener("click", hide);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
}
