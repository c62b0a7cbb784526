// Rung dashboard: the broker's side, bridges and MQTT clients. Uses el, api, app, badge and state from app.js
// (loaded after this file; these functions only run once both are loaded).
"use strict";

const STATUS_REFRESH_MS = 5000;

async function bridgesPage() {
  const list = el("div", {}, el("p", { class: "muted" }, "Loading bridges…"));
  app().replaceChildren(el("h1", {}, "Bridges"),
    el("p", { class: "muted" }, "Connections of this broker to other brokers (bridges in rung.yaml)."), list);
  const refresh = async () => {
    const r = await api("GET", "bridges");
    if (r.status !== 200) { list.replaceChildren(el("p", { class: "error" }, (r.data && r.data.error) || "HTTP " + r.status)); return; }
    if (r.data.length === 0) { list.replaceChildren(el("p", { class: "muted" }, "No bridges are configured.")); return; }
    list.replaceChildren(...r.data.map(b => el("section", { class: "card bridge row", "data-bridge": b.name },
      el("strong", { class: "grow" }, b.name), badge(b.state),
      el("div", { class: "muted", style: "flex-basis:100%" }, b.required
        ? "required: /health reports 503 while it is down" : "optional: /health stays 200 while it is down"),
      b.error ? el("div", { class: "error", style: "flex-basis:100%" }, b.error) : null)));
  };
  await refresh();
  state.timers.push(setInterval(refresh, STATUS_REFRESH_MS));
}

async function clientsPage() {
  const counts = el("div", {}, el("p", { class: "muted" }, "Loading clients…"));
  const list = el("div", {});
  app().replaceChildren(el("h1", {}, "Clients"), counts, list);
  const refresh = async () => {
    const r = await api("GET", "clients");
    if (r.status !== 200) { counts.replaceChildren(el("p", { class: "error" }, (r.data && r.data.error) || "HTTP " + r.status)); return; }
    const data = Array.isArray(r.data) ? { clients: r.data } : r.data;
    const fields = [["connected", "Connected now"], ["sessions", "Sessions (incl. offline persistent)"],
      ["maximum", "Most at once"]].filter(([k]) => data[k] !== undefined);
    counts.replaceChildren(el("section", { class: "card clients" }, el("h2", {}, "MQTT clients"),
      el("dl", { class: "fields counts" }, fields.flatMap(([k, label]) => [el("dt", {}, label), el("dd", {}, String(data[k]))]))));
    if (!Array.isArray(data.clients)) { list.replaceChildren(); return; }
    list.replaceChildren(...data.clients.map(clientCard));
  };
  await refresh();
  state.timers.push(setInterval(refresh, STATUS_REFRESH_MS));
}

// One client of a client list: its id as the title, then its known fields with plain labels.
const CLIENT_FIELDS = [["user", "User"], ["protocolVersion", "MQTT version"], ["listener", "Listener"],
  ["transport", "Transport"], ["remoteAddress", "Address"], ["connectedSince", "Connected since"],
  ["subscriptions", "Subscriptions"], ["queued", "Queued messages"], ["inflight", "In flight"]];

function clientCard(c) {
  const id = c.clientId || c.id || c.name || "(no client id)";
  const shown = v => typeof v === "object" ? JSON.stringify(v) : String(v);
  const rows = CLIENT_FIELDS.filter(([k]) => c[k] !== undefined && c[k] !== null && c[k] !== "")
    .map(([k, label]) => [label, k === "connectedSince" ? new Date(c[k]).toLocaleString() : shown(c[k])]);
  return el("section", { class: "card client" }, el("strong", {}, id),
    el("dl", { class: "fields" }, rows.flatMap(([label, v]) => [el("dt", {}, label), el("dd", {}, v)])));
}
