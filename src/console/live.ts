/**
 * The console's only script, served at /console/assets/live.js: live regions, a progressive
 * enhancement (every page works without it; a "refresh" link does the same by hand).
 *
 * An element `<div data-live="/console/…" data-live-every="5" aria-live="polite">` is refreshed every
 * few seconds (at least 2) with the HTML its URL answers: a fragment rendered by the same function as
 * the element's first content, so the page reads the same with or without the script. The script
 * waits while the tab is hidden, while someone types in a field of the region or while a voice note in it plays, stops when the
 * session has ended (401/403) or when the region holds an element with `data-live-done` (a finished
 * broadcast), and changes nothing when the fragment has not changed.
 *
 * A file field `<input type="file" data-fill="ID">` (inside a `hidden` box, shown by the script) puts
 * the text of the file chosen into the field ID, which the form posts as it is (the programme import).
 */
export const LIVE_JS = `"use strict";
(function () {
  document.querySelectorAll("[data-live]").forEach(function (el) {
    var every = Math.max(2, Number(el.getAttribute("data-live-every")) || 5) * 1000;
    var last = null;
    var timer = setInterval(tick, every);
    function typing() {
      var a = document.activeElement;
      return a && el.contains(a) && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName);
    }
    function playing() {
      return Array.prototype.some.call(el.querySelectorAll("audio,video"), function (m) { return !m.paused; });
    }
    function tick() {
      if (document.hidden || typing() || playing()) return;
      if (el.querySelector("[data-live-done]")) return clearInterval(timer);
      fetch(el.getAttribute("data-live"), { credentials: "same-origin", headers: { "x-console-live": "1" } })
        .then(function (res) {
          if (res.status === 401 || res.status === 403) { clearInterval(timer); return null; }
          return res.ok ? res.text() : null;
        })
        .then(function (text) {
          if (text === null || text === last) return;
          last = text;
          if (text !== el.innerHTML) el.innerHTML = text;
        })
        .catch(function () {});
    }
  });
  document.querySelectorAll("input[type=file][data-fill]").forEach(function (input) {
    var box = input.closest("[hidden]");
    if (box) box.hidden = false;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute("data-fill"));
      if (file && target) file.text().then(function (text) { target.value = text; });
    });
  });
})();
`;
