/// The site's stylesheet: mobile first, 16px+ text, AA contrast, visible focus, a print layout for checklists.
enum Stylesheet {
    static let css = #"""
    :root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #8a8a8a; --accent: #0031d8; --accent-dark: #00118f;
            --ok: #197a4b; --error: #c0001a; --panel: #f2f2f2; --focus: #ffd43d; }
    * { box-sizing: border-box; }
    html { font-size: 100%; -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff; line-height: 1.7;
           font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", system-ui, sans-serif; font-size: 1.0625rem; }
    main { max-width: 46rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    a { color: var(--accent); text-underline-offset: 0.2em; }
    a:hover { color: var(--accent-dark); }
    :focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 10; }
    header.site { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem;
                  padding: 0.75rem 1rem; border-bottom: 4px solid var(--accent); }
    header.site .brand { font-weight: 700; font-size: 1.25rem; color: var(--ink); text-decoration: none; }
    nav.languages a { margin-left: 0.75rem; }
    nav.languages a[aria-current="true"] { font-weight: 700; color: var(--ink); text-decoration: none; }
    footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 1rem; text-align: center; font-size: 0.9rem; }
    h1 { font-size: 1.75rem; line-height: 1.4; margin: 1rem 0; }
    h2 { font-size: 1.375rem; line-height: 1.4; margin: 2rem 0 0.75rem; }
    h3 { font-size: 1.125rem; margin: 0 0 0.25rem; }
    .lead { font-size: 1.125rem; color: var(--muted); }
    .choices { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
    .choices a { display: block; min-height: 44px; padding: 1rem; border: 2px solid var(--accent); border-radius: 8px;
                 font-weight: 700; text-decoration: none; }
    .choices a:hover { background: #e8f1fe; }
    .choices small { display: block; font-weight: 400; color: var(--muted); }
    form .field { margin: 0 0 1.25rem; }
    label, .label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
    .hint { display: block; color: var(--muted); font-size: 0.95rem; margin-bottom: 0.25rem; }
    input[type=text], input[type=number], select { font: inherit; width: 100%; max-width: 22rem; min-height: 44px;
                 padding: 0.4rem 0.6rem; border: 2px solid var(--ink); border-radius: 4px; background: #fff; }
    input[type=number] { max-width: 8rem; }
    .check { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; font-weight: 400; }
    .check input { width: 1.5rem; height: 1.5rem; margin: 0; }
    fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 1.5rem; padding: 1rem; }
    legend { font-weight: 700; font-size: 1.125rem; padding: 0 0.5rem; }
    .field.invalid input, .field.invalid select { border-color: var(--error); border-width: 3px; }
    .field-error { color: var(--error); font-weight: 700; display: block; }
    .error-summary { border: 4px solid var(--error); padding: 1rem; margin: 1rem 0 2rem; }
    .error-summary h2 { margin-top: 0; color: var(--error); }
    .error-summary a { color: var(--error); font-weight: 700; }
    button, .button { font: inherit; font-weight: 700; min-height: 44px; padding: 0.6rem 1.5rem; border: 0; border-radius: 6px;
                      background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
    button:hover, .button:hover { background: var(--accent-dark); color: #fff; }
    button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); }
    details.confirm-step { margin: 1rem 0; }
    .scoped[hidden] { display: none !important; }
    nav.days ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
    nav.days a { display: inline-block; padding: .4rem .6rem; border: 1px solid var(--accent); border-radius: .3rem; }
    nav.days a[aria-current] { background: var(--accent); color: #fff; }
    details.confirm-step > summary { display: inline-block; cursor: pointer; padding: .6rem 1rem; border: 2px solid var(--accent); border-radius: .4rem; color: var(--accent); }
    details.confirm-step[open] { border-left: 4px solid #b00020; padding-left: .8rem; }
    .summary { background: var(--panel); border-radius: 8px; padding: 1rem; }
    .summary dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
    .summary dt { font-weight: 700; }
    .summary dd { margin: 0; }
    .section { border-top: 4px solid var(--accent); margin-top: 2rem; }
    .section .place { color: var(--muted); margin: 0 0 0.5rem; }
    .procedures { list-style: none; padding: 0; margin: 0; }
    .procedure { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
    .procedure .title { display: flex; gap: 0.5rem; align-items: flex-start; }
    .procedure .box { flex: none; width: 1.4rem; height: 1.4rem; border: 2px solid var(--ink); margin-top: 0.2rem; }
    .deadline { font-weight: 700; }
    .deadline.none { font-weight: 400; color: var(--muted); }
    .badge { display: inline-block; font-size: 0.85rem; padding: 0 0.5rem; border-radius: 999px; background: #e6f4ea;
             color: var(--ok); border: 1px solid var(--ok); margin-left: 0.25rem; }
    .procedure ul { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 2rem 0; }
    @media print {
      header.site nav, .actions, footer.site, .skip, .no-print, form.apply-start { display: none !important; }
      body { font-size: 11pt; }
      h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
      main { max-width: none; padding: 0; }
      .procedure { break-inside: avoid; }
      a { color: var(--ink); text-decoration: none; }
    }
    """#
}

extension Stylesheet {
    /// Staff screens: denser tables and a header bar.
    static let staff = #"""
    .staff-bar { display: flex; justify-content: flex-end; align-items: center; gap: 1rem; padding: 0.5rem 0; }
    form.inline { display: inline; }
    table.data { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
    table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
    table.data th { background: var(--panel); }
    form.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin: 1rem 0; }
    form.filters input { max-width: 14rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; }
    .grid .field input, .grid .field select { max-width: none; }
    body:has(#case-form) main, body:has(#open-cases) main, body:has(#audit) main { max-width: 72rem; }
    /* The Case at a counter (1366×768 and up): fields side by side, the procedures beside the form. */
    #case-form fieldset { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: 0 0.75rem; margin: 0.5rem 0; padding: 0.25rem 0.75rem 0.5rem; }
    #case-form fieldset > legend { grid-column: 1 / -1; }
    #case-form fieldset > .grid, #case-form fieldset > div:not(.field):not(.actions) { display: contents; }
    #case-form .field .hint { font-size: 0.8rem; }
    #case-form fieldset > .actions, #case-form fieldset > button { grid-column: 1 / -1; justify-self: start; }
    #case-form .field { margin: 0.25rem 0; }
    #case-form .field input, #case-form .field select { max-width: none; width: 100%; min-height: 36px; }
    #case-form .field:has(label.check) { align-self: end; }
    #case-form .field:has(> span.label) { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
    #case-form label.check { display: flex; align-items: center; gap: 0.4rem; min-height: 36px; font-weight: normal; }
    #case-form label.check input { width: 1.3rem; height: 1.3rem; min-height: 0; flex: none; margin: 0; }
    @media (min-width: 1200px) {
      body:has(#case-form) main { max-width: none; padding: 0 1rem; }
      .case-layout { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 1.25rem; align-items: start; }
      .case-side { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; font-size: 0.9rem; }
      .case-side .panel { margin-top: 0.5rem; }
      body:has(#case-form) h1 { font-size: 1.4rem; margin: 0.25rem 0; }
    }
    .reference { font-family: ui-monospace, monospace; background: var(--panel); padding: 0 0.4rem; border-radius: 4px; }
    .notice { background: #e6f4ea; border-left: 4px solid var(--ok); padding: 0.5rem 1rem; }
    .case-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; }
    .case-actions .hint { flex-basis: 100%; }
    .panel { border-top: 4px solid var(--accent); margin-top: 2rem; }
    .event-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button.small { min-height: 32px; padding: 0.2rem 0.8rem; font-size: 0.9rem; }
    fieldset[disabled] { opacity: 0.85; }
    .timeline { font-size: 0.9rem; color: var(--muted); }
    .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
    .big-reference { font-family: ui-monospace, monospace; font-size: 2.5rem; font-weight: 700; letter-spacing: 0.1em; margin: 0; }
    .qr svg, .qr img { width: 220px; height: 220px; display: block; margin: 1rem 0; }
    .apply-start { background: #e8f1fe; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
    .summary-list { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; }
    .summary-list dt { font-weight: 700; }
    .confirm-view { font-size: 1.35rem; }
    .confirm-view h1 { font-size: 2.2rem; }
    .confirm-list { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1.5rem; }
    .confirm-list dt { font-weight: 700; }
    .confirm-people .name { font-size: 2rem; font-weight: 700; margin: 0; }
    .confirm-people .kana { margin: 0; color: var(--muted); }
    #signature-pad { width: 100%; max-width: 900px; height: auto; aspect-ratio: 900 / 260; border: 3px solid var(--ink);
                     border-radius: 8px; background: #fff; touch-action: none; display: block; }
    button[disabled] { background: #949494; cursor: not-allowed; }
    input[type=password] { font: inherit; width: 100%; max-width: 22rem; min-height: 44px; padding: 0.4rem 0.6rem;
                           border: 2px solid var(--ink); border-radius: 4px; }
    .one-time-password { font-family: ui-monospace, monospace; font-size: 1.75rem; font-weight: 700; letter-spacing: 0.08em;
                         background: var(--panel); padding: 0.5rem 1rem; border-radius: 4px; display: inline-block; }
    .pager { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: 1.5rem 0; }
    """#
}
