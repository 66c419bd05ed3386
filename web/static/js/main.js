// Tally dashboard: one websocket, three kinds of channel, ES modules and no build step.
//
// The page subscribes to `national` and `feed` always, and to `state:<CODE>` while a state is
// open; after a reconnect it resubscribes with `since` so the server replays exactly what was
// missed (or sends a fresh snapshot). Boards arrive whole in the change log (reducer.js), so
// the page draws numbers and never computes one.
import { app } from "./app.js";
import { h } from "./dom.js";
import { applyChange, createModel, movedKey } from "./reducer.js";
import { loadReference, stateName } from "./reference.js";
import { channelsFor, readRoute } from "./router.js";
import { createSocket } from "./socket.js";
import { renderFeed } from "./views/feed.js";
import { renderNational } from "./views/national.js";
import { installSourcePopover } from "./views/source.js";
import { renderState } from "./views/state.js";

const FEED_KEEP = 150;

function setConn(state, label) {
  const el = document.getElementById("conn");
  el.dataset.state = state;
  el.querySelector(".conn__label").textContent = label;
}

const socket = createSocket({ onMessage: receive, onStatus: setConn });

function receive(message) {
  const { type, channel, data } = message;
  if (channel === "national") {
    if (type === "snapshot") app.national = data;
    else if (app.national) Object.assign(app.national.states, data.states);
    renderTabs();
  } else if (channel === "feed") {
    const events = data.events.slice().reverse();
    app.feed = (type === "snapshot" ? events : events.concat(app.feed)).slice(0, FEED_KEEP);
    renderFeed(type === "update" ? data.events.length : 0);
    return;
  } else if (channel.startsWith("state:")) {
    const code = channel.slice(6);
    if (type === "snapshot") {
      app.states[code] = createModel({ state: code, contests: structuredClone(data.contests) });
    } else if (app.states[code]) {
      for (const item of data.changes) {
        applyChange(app.states[code], item.change);
        app.changed.add(movedKey(item.change));
      }
    }
  }
  schedule();
}

function followRoute() {
  app.route = readRoute(location.hash);
  const channels = channelsFor(app.route);
  for (const code of Object.keys(app.states)) {
    if (!channels.has(`state:${code}`)) delete app.states[code];
  }
  socket.want(channels);
  render();
  renderTabs();
}

let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    render();
    app.changed.clear();
  });
}

function renderTabs() {
  const nav = document.getElementById("tabs");
  const codes = Object.keys((app.national && app.national.states) || {}).sort((a, b) =>
    a === "IN" ? -1 : b === "IN" ? 1 : stateName(a).name.localeCompare(stateName(b).name));
  const tabs = [h("a", {
    href: "#/", class: "tab", "aria-current": app.route.view === "national" ? "page" : null,
  }, "National")];
  for (const code of codes) {
    if (code === "IN") continue;
    const name = stateName(code);
    tabs.push(h("a", {
      href: `#/state/${code}`, class: "tab",
      "aria-current": app.route.view === "state" && app.route.code === code ? "page" : null,
    }, name.name, name.name_hi ? h("span", { class: "hi", lang: "hi" }, name.name_hi) : null));
  }
  nav.replaceChildren(...tabs);
}

function render() {
  const main = document.getElementById("main");
  const focused = document.activeElement && document.activeElement.id;
  const view = app.route.view === "state" ? renderState(app.route.code, schedule) : renderNational(app.national);
  main.replaceChildren(view);
  if (focused === "seat-filter") {
    const input = document.getElementById("seat-filter");
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}

installSourcePopover();
window.addEventListener("hashchange", followRoute);
loadReference().then(() => {
  followRoute();
  renderFeed(0);
  socket.connect();
});
