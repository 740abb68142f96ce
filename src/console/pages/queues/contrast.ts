/**
 * The dashboard's stylesheet of ours, served from the service ('self') at
 * /console/queues/assets/contrast.css after bull-board's own: darker values of the few colours of its
 * themes that fall under WCAG AA's 4.5:1 for text (light: muted text on grey 4.4, the selected queue
 * 4.2, "No workers" 3.2, "Failed" 3.8, an error's title 3.8, `null` in job data 2.6; dark: an error's
 * title 4.2), small print at full opacity (bull-board fades every
 * `<small>` to 85 %, which takes a job's "Added at" under 4.5:1 in both themes), and the console's own
 * visible focus ring (bull-board draws a 20 %-opaque one). It sets bull-board's documented theme tokens
 * (`--muted-foreground`, `--primary`, `--status-waiting`, `--status-failed`, `--destructive`) and its
 * code colour `--hl-meta`, so every part drawn with them follows.
 */
export const CONTRAST_CSS = `:root{--muted-foreground:#525d68;--primary:#0b5d54;--status-waiting:#a14a07;--status-failed:#c81e1e;--destructive:#c0392f;--hl-meta:#56616c}
body.dark-mode{--status-failed:#ee7a7a;--destructive:#f07c76}
small{opacity:1}
:focus-visible{outline:3px solid #b35c00 !important;outline-offset:2px}
`;
