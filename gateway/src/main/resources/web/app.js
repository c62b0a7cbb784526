// Rung dashboard: plain JavaScript, no build step. Data from /api/v1/, live values over MQTT-over-WebSocket
// with a short-lived token (never the password), or REST polling every 2 s when there is no WebSocket listener.
"use strict";

const POLL_MS = 2000;
const state = { session: null, mqtt: null, live: null, timers: [], charts: [], device: null };
const app = () => document.getElementById("app");

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c.nodeType ? c : String(c));
  return e;
}

async function api(method, path, body) {
  const opts = { method, credentials: "same-origin", headers: { "Accept": "application/json" } };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const res = await fetch("/api/v1/" + path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.status === 401 && path !== "login") { showLogin(); throw new Error("login required"); }
  return { status: res.status, data };
}

function clearPage() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  state.charts.forEach(c => c.destroy());
  state.charts = [];
  state.device = null;
  stopLive();
}

function showLogin(message) {
  clearPage();
  state.session = null;
  document.getElementById("nav").hidden = true;
  document.getElementById("account").hidden = true;
  const form = document.getElementById("login-form").content.firstElementChild.cloneNode(true);
  const error = form.querySelector(".error");
  if (message) error.textContent = message;
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    error.textContent = "";
    const r = await api("POST", "login", { user: form.user.value.trim(), password: form.password.value });
    if (r.status === 200) { form.password.value = ""; startSession(r.data); }
    else error.textContent = (r.data && r.data.error) || ("login failed (" + r.status + ")");
  });
  app().replaceChildren(form);
  form.user.focus();
}

function startSession(session) {
  state.session = session;
  state.mqtt = session.mqtt;
  document.getElementById("who").textContent = session.user || "anonymous";
  document.getElementById("nav").hidden = false;
  document.getElementById("account").hidden = false;
  route();
}

function route() {
  if (!state.session) return;
  clearPage();
  const hash = location.hash || "#/";
  const here = hash.startsWith("#/d/") ? "#/" : hash;
  document.querySelectorAll("#nav a").forEach(a => {
    if (a.getAttribute("href") === here) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  });
  if (hash.startsWith("#/d/")) return devicePage(decodeURIComponent(hash.slice(4)));
  if (hash === "#/connect") return connectPage();
  if (hash === "#/bridges") return bridgesPage();
  if (hash === "#/clients") return clientsPage();
  return devicesPage();
}

function badge(text) { return el("span", { class: "badge " + text }, text); }

function ago(ts) {
  if (!ts) return "";
  const s = Math.max(0, Math.round((Date.now() - ts) / 1000));
  return s < 60 ? s + " s ago" : s < 3600 ? Math.round(s / 60) + " min ago" : new Date(ts).toLocaleString();
}

// ---- devices ------------------------------------------------------------------------------------------------

async function devicesPage() {
  const list = el("div", {}, el("p", { class: "muted" }, "Loading devices…"));
  app().replaceChildren(el("h1", {}, "Devices"), list);
  const refresh = async () => {
    const r = await api("GET", "devices");
    if (r.status !== 200) { list.replaceChildren(el("p", { class: "error" }, r.data && r.data.error)); return; }
    if (r.data.length === 0) { list.replaceChildren(el("p", { class: "muted" }, "No devices are configured.")); return; }
    list.replaceChildren(...r.data.map(d => el("a", { class: "card row", href: "#/d/" + encodeURIComponent(d.name),
        style: "text-decoration:none;color:inherit" },
      el("div", { class: "grow" }, el("strong", {}, d.name), el("div", { class: "muted" }, d.topic)),
      badge(d.state),
      el("div", { class: "muted", style: "flex-basis:100%" }, d.protocol + " · " + d.points + " points"
        + (d.ts ? " · since " + ago(d.ts) : "")),
      d.error ? el("div", { class: "error", style: "flex-basis:100%" }, d.error) : null)));
  };
  await refresh();
  state.timers.push(setInterval(refresh, 5000));
}

function formatValue(v) {
  if (v === undefined || v === null) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

async function devicePage(name) {
  const r = await api("GET", "devices/" + encodeURIComponent(name) + "?history=1");
  if (r.status !== 200) { app().replaceChildren(el("p", { class: "error" }, (r.data && r.data.error) || "not found")); return; }
  const d = r.data;
  const status = el("span", {}, badge(d.state));
  const error = el("p", { class: "error" }, d.error || "");
  const live = el("p", { class: "live muted" }, "");
  const cards = {};
  state.device = { name: d.name, topic: d.topic, cards, status, error, live };
  app().replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← Devices")),
    el("div", { class: "row" }, el("h1", { class: "grow" }, d.name), status),
    el("p", { class: "muted" }, d.topic + " · " + d.protocol), error, live,
    ...d.points.map(p => { cards[p.name] = pointCard(d, p); return cards[p.name].root; }));
  d.points.forEach(p => cards[p.name].update(p, true));
  startLive(d);
}

function pointCard(device, p) {
  const value = el("span", { class: "value" }, "—");
  const quality = el("span", {}, "");
  const when = el("span", { class: "muted" }, "");
  const err = el("div", { class: "error" }, "");
  const trend = el("div", { class: "trend" });
  const root = el("section", { class: "card point", "data-point": p.name },
    el("div", { class: "row" }, el("strong", { class: "grow" }, p.name), quality),
    el("div", {}, value, p.unit ? el("span", { class: "unit" }, p.unit) : null),
    el("div", {}, when), err, trend, p.writable ? writeControl(device, p, v => update(v, false)) : null);
  const xs = [], ys = [];
  (p.history || []).forEach(([t, v]) => { xs.push(t / 1000); ys.push(v); });
  let chart = null;
  const data = () => xs.length ? [xs.concat([Date.now() / 1000]), ys.concat([ys[ys.length - 1]])] : [xs, ys];
  const draw = () => {
    if (chart) { chart.setData(data()); return; }
    if (typeof uPlot === "undefined" || ys.length < 1) return;
    trend.classList.add("drawn");
    chart = new uPlot({ width: Math.max(120, trend.clientWidth), height: 90, legend: { show: false },
      cursor: { show: false }, scales: { x: { time: true } },
      axes: [{ show: false }, { size: 52, font: "11px system-ui", stroke: "#6b7280" }],
      series: [{}, { stroke: "#1d4ed8", width: 1.5, fill: "rgba(29,78,216,.08)",
        // set-points, counts and bools hold their value until the next one: draw steps, not slopes
        paths: stepped(p) && uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined }] },
      data(), trend);
    state.charts.push(chart);
  };
  const update = (v, initial) => {
    value.textContent = formatValue(v.value);
    quality.replaceChildren(badge(v.quality || "unknown"));
    when.textContent = v.ts ? ago(v.ts) : "";
    err.textContent = v.error || "";
    if (!initial && (typeof v.value === "number" || typeof v.value === "boolean") && v.ts) {
      if (xs.length && xs[xs.length - 1] === v.ts / 1000) return draw();
      xs.push(v.ts / 1000); ys.push(Number(v.value));
      if (xs.length > 300) { xs.shift(); ys.shift(); }
    }
    draw();
  };
  return { root, update };
}

function stepped(p) {
  return (!!p.type && !p.type.startsWith("float")) || typeof p.value === "boolean";
}

// Why a write was not done, in plain words: 403 is the broker's ACL (the user may not write this point), 422 a
// command rule of the gateway (range, type, rate), 504 a device that did not answer.
function refusal(r, p) {
  const why = (r.data && r.data.error) || ("HTTP " + r.status);
  if (r.status === 403) {
    const who = state.session && state.session.user ? "user " + state.session.user : "this user";
    return "refused: " + who + " may not write " + p.name + " (" + why + ")";
  }
  if (r.status === 504) return "no answer: " + why;
  return "refused: " + why;
}

function writeControl(device, p, written) {
  const result = el("p", { class: "result", role: "status" }, "");
  const send = async value => {
    result.className = "result muted";
    result.textContent = "sending…";
    const r = await api("POST", "devices/" + encodeURIComponent(device.name) + "/points/"
      + encodeURIComponent(p.name) + "/set", { value });
    const ok = r.data && r.data.ok === true;
    result.className = "result " + (ok ? "ok" : "error");
    result.textContent = ok ? "written: " + formatValue(r.data.value) : refusal(r, p);
    if (ok) written({ value: r.data.value, ts: r.data.ts || Date.now(), quality: "good" });
  };
  if (p.type === "bool" || typeof p.value === "boolean") {
    return el("div", {}, el("div", { class: "write" },
      el("button", { type: "button", onclick: () => send(true) }, "On"),
      el("button", { type: "button", class: "secondary", onclick: () => send(false) }, "Off")), result);
  }
  const input = el("input", { inputmode: p.type === "string" ? "text" : "decimal", "aria-label": "new value of " + p.name,
    placeholder: (p.min !== undefined ? p.min : "") + (p.min !== undefined || p.max !== undefined ? " … " : "")
      + (p.max !== undefined ? p.max : "") });
  const form = el("form", { class: "write", onsubmit: ev => {
    ev.preventDefault();
    const text = input.value.trim();
    if (text === "") return;
    const n = Number(text);
    send(p.type === "string" || Number.isNaN(n) ? text : n);
  } }, input, el("button", { type: "submit" }, "Set"));
  return el("div", {}, form, result);
}

// ---- live values ----------------------------------------------------------------------------------------------

function onPointMessage(topic, payload) {
  const dev = state.device;
  if (!dev || !topic.startsWith(dev.topic + "/")) return;
  const level = topic.slice(dev.topic.length + 1);
  let v;
  try { v = JSON.parse(payload); } catch (e) { v = payload; }
  if (level === "$status") {
    dev.status.replaceChildren(badge(v.state || "offline"));
    dev.error.textContent = v.error || "";
    return;
  }
  const card = dev.cards[level];
  if (!card) return;
  if (v === null || typeof v !== "object" || Array.isArray(v)) v = { value: v, ts: Date.now(), quality: "good" };
  card.update(v, false);
}

function startPolling(device, why) {
  state.device.live.textContent = "Updating every 2 s" + (why ? " (" + why + ")" : "") + ".";
  const poll = async () => {
    const r = await api("GET", "devices/" + encodeURIComponent(device.name));
    if (r.status !== 200 || !state.device) return;
    state.device.status.replaceChildren(badge(r.data.state));
    state.device.error.textContent = r.data.error || "";
    r.data.points.forEach(p => state.device.cards[p.name] && state.device.cards[p.name].update(p, false));
  };
  state.timers.push(setInterval(poll, POLL_MS));
}

async function startLive(device) {
  const ws = state.mqtt && state.mqtt.websocket;
  if (!ws || typeof Paho === "undefined") return startPolling(device, "no MQTT WebSocket listener");
  const t = await api("POST", "mqtt/token");
  if (t.status !== 200) return startPolling(device, "no MQTT token");
  const client = new Paho.Client(location.hostname, ws.port, ws.path, "rung-web-" + Math.random().toString(36).slice(2, 10));
  state.live = client;
  client.onMessageArrived = m => onPointMessage(m.destinationName, m.payloadString);
  client.onConnectionLost = () => {
    if (state.live !== client || !state.device) return;
    state.live = null;
    startPolling(device, "MQTT connection lost");
  };
  const opts = { useSSL: !!ws.tls, timeout: 5, keepAliveInterval: 30, mqttVersion: 4, cleanSession: true,
    onSuccess: () => {
      state.device.live.textContent = "Live over MQTT (" + (ws.tls ? "wss" : "ws") + "://" + location.hostname + ":"
        + ws.port + ws.path + ").";
      client.subscribe(device.topic + "/+", { qos: 0 });
    },
    onFailure: e => { if (state.live === client) { state.live = null; startPolling(device, "MQTT: " + e.errorMessage); } } };
  if (t.data.user) { opts.userName = t.data.user; opts.password = t.data.token; }
  client.connect(opts);
}

function stopLive() {
  const c = state.live;
  state.live = null;
  if (c) { try { c.disconnect(); } catch (e) { /* already closed */ } }
}

// ---- connect a phone ---------------------------------------------------------------------------------------------

async function connectPage() {
  const r = await api("GET", "connect");
  if (r.status !== 200) { app().replaceChildren(el("p", { class: "error" }, r.data && r.data.error)); return; }
  const c = r.data;
  const rec = c.recommended;
  const qr = text => el("img", { class: "qr", alt: "QR code: " + text,
    src: "/api/v1/connect/qr.svg?text=" + encodeURIComponent(text) });
  const parts = [el("h1", {}, "Connect a phone")];
  if (!rec) parts.push(el("p", { class: "error" }, "The broker has no listener."));
  else {
    parts.push(el("section", { class: "card" },
      el("h2", {}, "Scan with the phone"), qr(c.qr), el("p", { class: "muted", style: "text-align:center" }, c.qr),
      el("dl", { class: "fields" },
        el("dt", {}, "Host"), el("dd", {}, rec.host), el("dt", {}, "Port"), el("dd", {}, rec.port),
        el("dt", {}, "Protocol"), el("dd", {}, rec.scheme.startsWith("ws") ? "WebSocket" : "MQTT over TCP"),
        rec.path ? [el("dt", {}, "Path"), el("dd", {}, rec.path)] : null,
        el("dt", {}, "TLS"), el("dd", {}, rec.tls ? "on" : "off"),
        el("dt", {}, "User"), el("dd", {}, c.user || "(none: anonymous)"),
        el("dt", {}, "Password"), el("dd", {}, c.user ? "the password of " + c.user : "(none)"),
        el("dt", {}, "Client id"), el("dd", {}, "any unique name, e.g. phone-1"))));
  }
  parts.push(el("section", { class: "card" }, el("h2", {}, "Every listener"),
    el("ul", {}, c.endpoints.map(e => el("li", {}, el("code", {}, e.url),
      e.loopbackOnly ? el("span", { class: "error" }, " only this machine (bound to loopback)") : null))),
    el("p", { class: "muted" }, c.publicHost ? "Host names use http.publicHost." :
      "These are this machine's own addresses. Behind NAT or in a cloud, set http.publicHost to the name phones use.")));
  parts.push(el("section", { class: "card" }, el("h2", {}, "Phone apps, step by step"),
    el("h3", {}, "MQTT Explorer-style apps"),
    el("ol", {}, el("li", {}, "Add a connection."), el("li", {}, "Protocol: " + (rec && rec.scheme.startsWith("ws") ? "ws:// (WebSocket)" : "mqtt://")),
      el("li", {}, "Host: " + (rec ? rec.host : "") + ", Port: " + (rec ? rec.port : "")),
      rec && rec.path ? el("li", {}, "Basepath: " + rec.path.replace(/^\//, "")) : null,
      el("li", {}, "Encryption (TLS): " + (rec && rec.tls ? "on" : "off")),
      el("li", {}, "Username: " + (c.user || "empty") + ", Password: your password."), el("li", {}, "Connect, then subscribe to a device's topic followed by /# (the Devices page lists them).")),
    el("h3", {}, "IoT MQTT Panel (Android) and similar"),
    el("ol", {}, el("li", {}, "Add a broker; Broker web/IP address: " + (rec ? rec.host : "")),
      el("li", {}, "Port number: " + (rec ? rec.port : "") + "; Network protocol: " + (rec ? ({ ws: "WebSocket", wss: "WebSocket secure", mqtt: "TCP", mqtts: "SSL/TLS" })[rec.scheme] : "")),
      rec && rec.path ? el("li", {}, "Add path: " + rec.path) : null,
      el("li", {}, "User name and password as above; any client id.")),
    el("p", { class: "muted" }, "Does it not connect? Run ", el("code", {}, "rung doctor " + (rec ? rec.url : "") + " -u " + (c.user || "USER")),
      " from a machine on the phone's network: it names the failing step.")));
  parts.push(el("section", { class: "card" }, el("h2", {}, "This dashboard on the phone"), qr(c.dashboard),
    el("p", { class: "muted", style: "text-align:center" }, c.dashboard)));
  app().replaceChildren(...parts);
}

// ---- start ------------------------------------------------------------------------------------------------------

window.addEventListener("hashchange", route);
document.getElementById("logout").addEventListener("click", async () => {
  await api("POST", "logout");
  showLogin("Logged out.");
});
(async () => {
  const res = await fetch("/api/v1/session", { credentials: "same-origin" });
  if (res.status === 200) startSession(await res.json());
  else showLogin();
})();
