/**
 * The console's only stylesheet, served at /console/assets/console.css (no third-party asset or font:
 * the system's fonts). Made for a phone first: one column, large targets; wider screens get a grid.
 */
export const CONSOLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#f5f5f2}
body{margin:0}
a{color:#0a4fb8}
a:focus-visible,button:focus-visible,main:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:.5rem;top:.5rem;z-index:2}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding:.75rem 1rem;background:#14532d;color:#fff}
.brand{font-weight:700;font-size:1.1rem}
.logout{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.who{font-size:.95rem}
button{font:inherit;min-height:44px;padding:.5rem 1rem;border-radius:.4rem;border:2px solid #fff;background:#fff;color:#14532d;font-weight:600;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
.grid{display:grid;gap:1rem}
.card{background:#fff;border:1px solid #d6d6d0;border-radius:.5rem;padding:1rem;min-width:0}
.card ul{list-style:none;margin:0;padding:0}
.card li{padding:.6rem 0;border-top:1px solid #e6e6e0;overflow-wrap:anywhere}
.card li:first-child{border-top:0}
.meta{color:#4a4a45;font-size:.92rem}
.empty{color:#4a4a45;margin:0}
.count{display:inline-block;min-width:1.8rem;padding:0 .4rem;border-radius:1rem;background:#14532d;color:#fff;text-align:center;font-size:.9rem;margin-left:.3rem}
.answers{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.25rem .75rem;margin:.5rem 0 0;padding:0}
.answers div{display:flex;justify-content:space-between;gap:.5rem;padding:.25rem .5rem;background:#f2f2ee;border-radius:.3rem}
.answers dt{margin:0}
.answers dd{margin:0;font-weight:700}
.notice{background:#fff;border-left:4px solid #14532d;padding:1rem;border-radius:.3rem}
.notice p{margin:.5rem 0}
.nav{background:#fff;border-bottom:1px solid #d6d6d0}
.nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0 auto;padding:0 1rem;max-width:72rem}
.nav a{display:inline-block;padding:.7rem .25rem;min-height:44px;font-weight:600;text-decoration:none}
.nav a[aria-current=page]{border-bottom:3px solid #14532d;color:#14532d}
.more{margin:.75rem 0 0}
.more a{display:inline-block;padding:.5rem 0;min-height:44px;font-weight:600}
label{display:block;font-weight:600;margin:0 0 .25rem}
select{font:inherit;min-height:44px;max-width:100%;padding:.4rem .5rem;border:1px solid #6b6b66;border-radius:.4rem;background:#fff;color:#1a1a1a}
select:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
button.primary{background:#14532d;color:#fff;border-color:#14532d}
button.secondary{background:#fff;color:#14532d;border-color:#14532d}
.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.75rem 1rem;margin:0 0 1rem}
.flash{margin:0 0 1rem}
.list{display:grid;gap:1rem}
.application h2{margin:0}
.qa{margin:.75rem 0;padding:0}
.qa div{padding:.4rem 0;border-top:1px solid #e6e6e0}
.qa dt{font-weight:600;color:#4a4a45;font-size:.92rem}
.qa dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
.actions{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.75rem 1.5rem}
.decide{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem}
.decide label{flex-basis:100%}
.decline .decide p{flex-basis:100%;margin:.25rem 0}
.status{font-weight:600;margin:.5rem 0 0}
.status-accepted{color:#14532d}
.status-declined{color:#8a1c1c}
.thread h2{margin:0}
.thread .last{margin:.5rem 0;overflow-wrap:anywhere;white-space:pre-line}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#7a3e00;color:#fff;font-size:.85rem;font-weight:600;vertical-align:middle}
.conversation{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.msg{max-width:40rem;padding:.5rem .75rem;border-radius:.5rem;overflow-wrap:anywhere}
.msg p{margin:0}
.msg .text{white-space:pre-line;margin-top:.25rem}
.msg-in{background:#f2f2ee;border:1px solid #d6d6d0}
.msg-out{background:#e7f3ea;border:1px solid #b5d3bd;margin-left:auto}
.translation,.msg .translation{margin-top:.4rem;padding-left:.6rem;border-left:3px solid #8a8a82;white-space:pre-line;overflow-wrap:anywhere}
.answer{margin:1rem 0;display:grid;gap:.5rem}
.answer label,.answer p{margin:0}
textarea{font:inherit;width:100%;min-height:6rem;padding:.5rem;border:1px solid #6b6b66;border-radius:.4rem;background:#fff;color:#1a1a1a}
textarea:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.answer button{justify-self:start}
input[type=date]{font:inherit;min-height:44px;padding:.4rem .5rem;border:1px solid #6b6b66;border-radius:.4rem;background:#fff;color:#1a1a1a}
input:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
input[type=text]{font:inherit;min-height:44px;max-width:100%;padding:.4rem .5rem;border:1px solid #6b6b66;border-radius:.4rem;background:#fff;color:#1a1a1a}
.check{display:flex;align-items:center;gap:.5rem;min-height:44px}
.check label{margin:0}
.check input{width:1.5rem;height:1.5rem;margin:0}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em;overflow-wrap:anywhere;white-space:pre-wrap}
ol.audit{list-style:none;margin:0;padding:0}
.entry-head{margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between}
.filters>div{min-width:0;max-width:100%}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.pager a{display:inline-block;padding:.5rem 0;min-height:44px;font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.table-wrap{overflow-x:auto;margin:0 0 .75rem}
.table-wrap:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.sales table{border-collapse:collapse;width:100%;min-width:30rem}
.sales th,.sales td{padding:.5rem .6rem;border-top:1px solid #e6e6e0;text-align:start}
.sales thead th{border-top:0;font-size:.92rem;color:#4a4a45}
.sales .num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.sales tfoot th,.sales tfoot td{font-weight:700;border-top:2px solid #6b6b66}
.sales a{display:inline-block;padding:.5rem 0;min-height:44px;font-weight:600}
ul.plain{list-style:none;margin:0 0 1rem;padding:0}
.plain h2{margin:0 0 .25rem}
.form{display:grid;gap:.75rem;margin:0 0 1rem}
.form p{margin:0}
input[type=text],input[type=datetime-local],input[type=file]{font:inherit;min-height:44px;width:100%;max-width:28rem;padding:.4rem .5rem;border:1px solid #6b6b66;border-radius:.4rem;background:#fff;color:#1a1a1a}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;padding:0;margin:0 0 .5rem}
.checks{list-style:none;margin:0;padding:0}
.check{display:flex;align-items:center;gap:.75rem;min-height:44px;padding:.25rem 0;font-weight:400;cursor:pointer}
.check input{width:1.5rem;height:1.5rem;flex:none;margin:0}
button.danger{color:#8a1c1c;border-color:#8a1c1c}
code{overflow-wrap:anywhere}
.stack{border-collapse:collapse;width:100%}
.stack th,.stack td{padding:.5rem .6rem;border-top:1px solid #e6e6e0;text-align:start;vertical-align:top;overflow-wrap:anywhere}
.stack thead th{border-top:0;font-size:.92rem;color:#4a4a45}
.version{display:grid;gap:.5rem;padding:.75rem 0;border-top:1px solid #e6e6e0}
.version.auto{border-left:4px solid #7a3e00;padding-left:.75rem}
summary{min-height:44px;padding:.5rem 0;cursor:pointer;font-weight:600;color:#0a4fb8}
summary:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.sent-text{white-space:pre-line;overflow-wrap:anywhere;margin:.25rem 0 0;padding:.5rem .75rem;background:#f2f2ee;border-radius:.3rem}
.person{padding:.75rem 0;border-top:1px solid #e6e6e0}
.person h3{font-size:1.05rem;margin:0}
.card .steps li,.card .notes li{border-top:0;padding:.15rem 0}
.steps,.notes{margin:.25rem 0 .5rem}
.qa dd p{margin:.2rem 0}
@media (max-width:47.99rem){
  .stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  .stack,.stack tbody,.stack tr,.stack th,.stack td{display:block}
  .stack tr{padding:.5rem 0;border-top:1px solid #e6e6e0}
  .stack th,.stack td{border:0;padding:.1rem 0}
  .stack td::before{content:attr(data-label);display:block;font-size:.85rem;color:#4a4a45}
}
@media (min-width:48rem){
  .grid{grid-template-columns:repeat(2,minmax(0,1fr))}
  .grid .wide{grid-column:1 / -1}
  .answers{grid-template-columns:repeat(4,minmax(0,1fr))}
  .qa div{display:grid;grid-template-columns:12rem minmax(0,1fr);gap:1rem}
}
`.trim();
