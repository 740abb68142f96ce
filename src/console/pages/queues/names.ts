/**
 * Accessible names for bull-board's icon buttons. Its buttons show a Lucide icon (`<svg class="lucide
 * lucide-trash-2">`) and name it only in a tooltip drawn on hover, so a screen reader hears "button".
 * The icon says what the button does (bull-board gives each job action its own icon: promote, retry,
 * reschedule…), so the icon's name picks the console text that names it. The Redis logo button is
 * recognised by its logo's own class.
 */
export const BOARD_ICONS = {
  redis: "queues.icon.redis",
  maximize: "queues.icon.full_screen",
  "maximize-2": "queues.icon.expand",
  "minimize-2": "queues.icon.collapse",
  settings: "queues.icon.settings",
  "circle-user": "queues.icon.menu",
  "ellipsis-vertical": "queues.icon.more",
  "panel-left": "queues.icon.sidebar",
  info: "queues.icon.info",
  x: "queues.icon.close",
  copy: "queues.icon.copy",
  "corner-up-left": "queues.icon.promote",
  "refresh-cw": "queues.icon.retry",
  clock: "queues.icon.reschedule",
  "arrow-up-down": "queues.icon.reprioritise",
  files: "queues.icon.duplicate",
  pencil: "queues.icon.edit_data",
  "trash-2": "queues.icon.delete",
  "list-x": "queues.icon.remove_children",
} as const;

/** What the script reads from the page (`<script type="application/json" id="mc-board-names">`). */
export interface BoardNames {
  /** Icon name → accessible name, in the viewer's language. */
  icons: Record<string, string>;
  /** How a button's visible text and the longer label bull-board gave it combine: `{name}`, `{hint}`. */
  nameAndHint: string;
}

/** The id of the JSON block above in the dashboard's page. */
export const NAMES_ELEMENT_ID = "mc-board-names";

/**
 * The script, served from the service ('self') at /console/queues/assets/names.js and added to the
 * dashboard's page. After each change of the page (bull-board redraws it constantly), on every button:
 * - no visible text and no name: named after its icon (`aria-label`);
 * - a visible text that its `aria-label` leaves out ("No workers" labelled "Nothing consumes this
 *   queue"): named "text (label)", so what one sees is what one says to voice control;
 * and an `<svg role="img">` without a name inside a button (the Redis logo) is hidden from assistive
 * technology, the button carrying the name. A name it gave is marked (`data-mc-label`), so that when
 * bull-board changes the button (another icon, a name of its own) the name follows.
 */
export const NAMES_JS = `"use strict";
(function () {
  var block = document.getElementById(${JSON.stringify(NAMES_ELEMENT_ID)});
  if (!block) return;
  var texts = JSON.parse(block.textContent || "{}");
  var icons = texts.icons || {};
  function iconOf(el) {
    if (el.querySelector(".rds-b1")) return "redis";
    var svg = el.querySelector("svg[class*='lucide-']");
    var names = svg ? (svg.getAttribute("class") || "").split(/\\s+/) : [];
    for (var i = 0; i < names.length; i++) {
      var name = names[i].slice(7);
      if (names[i].indexOf("lucide-") === 0 && Object.prototype.hasOwnProperty.call(icons, name)) return name;
    }
    return null;
  }
  function wanted(el, own) {
    var text = (el.innerText || "").replace(/\\s+/g, " ").trim();
    if (text) return own && own.toLowerCase().indexOf(text.toLowerCase()) < 0 ? texts.nameAndHint.replace("{name}", text).replace("{hint}", own) : own;
    if (own || el.getAttribute("aria-labelledby") || el.getAttribute("title")) return own;
    var icon = iconOf(el);
    return icon ? icons[icon] : own;
  }
  function name(el) {
    var label = el.getAttribute("aria-label");
    var given = el.getAttribute("data-mc-label");
    var ours = given !== null && label === given;
    var own = ours ? el.getAttribute("data-mc-own") : label;
    var want = wanted(el, own);
    if (want === own) {
      if (!ours) return;
      if (own === null) el.removeAttribute("aria-label");
      else el.setAttribute("aria-label", own);
      el.removeAttribute("data-mc-label");
      el.removeAttribute("data-mc-own");
      return;
    }
    if (want !== label) el.setAttribute("aria-label", want);
    el.setAttribute("data-mc-label", want);
    if (own === null) el.removeAttribute("data-mc-own");
    else el.setAttribute("data-mc-own", own);
  }
  function pass() {
    document.querySelectorAll("button,[role=button]").forEach(name);
    document.querySelectorAll("button svg[role=img]:not([aria-label]):not([aria-labelledby]):not([aria-hidden])").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
    });
  }
  new MutationObserver(pass).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-label"] });
  pass();
})();
`;
