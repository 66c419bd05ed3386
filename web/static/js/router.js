// The route in the address bar: "#/" is the national view, "#/state/MH" a state's page.

export function readRoute(hash) {
  const match = (hash || "").match(/^#\/state\/([A-Z]{2})$/);
  return match ? { view: "state", code: match[1] } : { view: "national" };
}

/** The channels a route needs: always `national` and `feed`, plus the open state's. */
export function channelsFor(route) {
  const channels = new Set(["national", "feed"]);
  if (route.view === "state") channels.add(`state:${route.code}`);
  return channels;
}
