/** The look of the impact report: the colours of its charts, its font, and the page's inline stylesheet. */

export const PALETTE = ["#1f6f8b", "#e07a3f", "#4c9a6a", "#c44e52", "#8c6bb1", "#d9b44a", "#9aa3ab"];
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

/** The page's stylesheet, inline: the report is one file with no external URL. */
export const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#222;font-family:${FONT};font-size:15px;line-height:1.45}
main{max-width:1040px;margin:0 auto;padding:32px 24px 48px}
header{border-bottom:4px solid #1f6f8b;padding-bottom:16px;margin-bottom:24px}
header .org{color:#1f6f8b;font-weight:600;letter-spacing:.02em;text-transform:uppercase;font-size:13px}
h1{font-size:32px;margin:4px 0}
header .meta{color:#555}
h2{font-size:20px;margin:36px 0 12px;color:#1b3a4b}
.note{color:#666;font-size:13px;margin:4px 0 0}
.warning{background:#fff1e6;border:2px solid #e07a3f;border-radius:8px;padding:12px 16px;font-weight:600;color:#8a3b0b}
.anonymous{color:#4c6a5a;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:14px}
.card{background:#fff;border-radius:10px;padding:16px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card .value{font-size:30px;font-weight:700;color:#1f6f8b;line-height:1.1}
.card .label{font-weight:600;margin-top:4px}
.card .detail{color:#666;font-size:13px;margin-top:6px}
.card.highlight .value{color:#4c9a6a}
figure{margin:0;background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
figure svg{display:block;width:100%;height:auto}
.outcome-rates{display:flex;gap:24px;flex-wrap:wrap;margin:0 0 8px;color:#444;font-size:14px}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:10px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.08);font-size:13.5px}
.table-wrap{overflow-x:auto}
.table-wrap:focus-visible{outline:3px solid #1f6f8b;outline-offset:2px}
th,td{padding:7px 8px;text-align:left;border-bottom:1px solid #e6e8eb;vertical-align:top}
th{background:#e8f1f4;color:#1b3a4b;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td .name{font-weight:600}
td .sub{color:#666;font-size:12px}
.table-note{color:#666;font-size:13px;margin:6px 0 0}
.method li{margin:4px 0;color:#444;font-size:14px}
footer{margin-top:32px;color:#5c6166;font-size:12px}
@media print{body{background:#fff}main{padding:0}.card,figure,table{box-shadow:none;border:1px solid #ddd}section{break-inside:avoid}}
`;
