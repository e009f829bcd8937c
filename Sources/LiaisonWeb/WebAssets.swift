/// The web interface's stylesheet and script, served from `/static/`: no build step, no CDN.
enum WebAssets {
    static let css = """
        :root { --navy: #112e51; --navy-2: #1d4576; --red: #b31b1b; --ink: #1b1b1b; --muted: #5b616b;
          --line: #d6d7d9; --bg: #f4f5f7; --card: #fff; --warn-bg: #fff4e0; --warn: #a35200; --ok: #1f7a3a;
          --focus: #ffbe2e; font-size: 16px; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          color: var(--ink); background: var(--bg); line-height: 1.5; }
        a { color: var(--navy-2); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus {
          outline: 3px solid var(--focus); outline-offset: 1px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; padding: 0.5rem; z-index: 9; }
        header.top { background: var(--navy); color: #fff; display: flex; flex-wrap: wrap; align-items: center;
          gap: 0.5rem 1.5rem; padding: 0.6rem 1.25rem; border-bottom: 4px solid var(--red); }
        .brand a { color: #fff; font-weight: 700; font-size: 1.25rem; text-decoration: none; letter-spacing: 0.02em; }
        .brand .office { color: #c9d6e8; margin-left: 0.4rem; font-size: 0.95rem; }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
        nav a { color: #fff; text-decoration: none; padding: 0.35rem 0.75rem; border-radius: 4px; display: inline-block; }
        nav a:hover { background: var(--navy-2); }
        nav a[aria-current="page"] { background: #fff; color: var(--navy); font-weight: 600; }
        nav .count { background: var(--red); color: #fff; border-radius: 999px; padding: 0 0.45rem; font-size: 0.8rem; margin-left: 0.2rem; }
        .signout { margin-left: auto; display: flex; align-items: center; gap: 0.6rem; }
        .signout .who { color: #c9d6e8; font-size: 0.9rem; }
        .signout .who a { color: #fff; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .one-time-password, .new-token { user-select: all; background: #fff; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
        .signout button { background: transparent; color: #fff; border: 1px solid #8aa4c8; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
        footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; color: var(--muted); font-size: 0.85rem; }
        h1 { font-size: 1.6rem; margin: 0.25rem 0 0.75rem; color: var(--navy); }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; color: var(--navy); }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
        .page-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; }
        .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .button, button { display: inline-block; font: inherit; font-weight: 600; padding: 0.45rem 1rem; border-radius: 5px;
          border: 1px solid var(--navy-2); background: var(--navy-2); color: #fff; cursor: pointer; text-decoration: none;
          white-space: nowrap; }
        .button.secondary, button.secondary { background: #fff; color: var(--navy-2); }
        .button.danger, button.danger { background: var(--red); border-color: var(--red); color: #fff; }
        .notice { border-left: 5px solid var(--navy-2); background: #e8f0fb; padding: 0.6rem 1rem; border-radius: 4px; margin-bottom: 1rem; }
        .notice.error { border-color: var(--red); background: #fbeaea; }
        .notice.warn { border-color: var(--warn); background: var(--warn-bg); }
        .notice.ok { border-color: var(--ok); background: #e6f4ea; }
        .badge { display: inline-block; font-size: 0.8rem; font-weight: 600; border-radius: 999px; padding: 0.05rem 0.6rem;
          background: #e4e7eb; color: #323a45; white-space: nowrap; }
        .badge.conflict { background: var(--warn-bg); color: var(--warn); border: 1px solid #f0c36d; }
        .badge.deleted { background: #fbeaea; color: var(--red); }
        .badge.status { background: #e8f0fb; color: var(--navy-2); }
        .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.6rem 1rem; align-items: end; }
        .filters .wide { grid-column: 1 / -1; }
        label { font-weight: 600; display: block; margin-bottom: 0.2rem; }
        input[type=text], input[type=password], input[type=number], input[type=date], input[type=search], select, textarea {
          font: inherit; width: 100%; padding: 0.45rem 0.55rem; border: 1px solid #8d9297; border-radius: 4px; background: #fff; }
        textarea { min-height: 7rem; }
        textarea.lines { min-height: 0; }
        .check { display: flex; align-items: center; gap: 0.4rem; font-weight: normal; margin: 0.15rem 0; }
        .check input { width: 1.1rem; height: 1.1rem; }
        .table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
        table.list { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
        table.list th, table.list td { padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.list th { background: #eef1f5; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: #3d4551; }
        table.list tr.conflicted td:first-child { border-left: 4px solid var(--warn); }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .muted { color: var(--muted); }
        .pager { display: flex; justify-content: space-between; align-items: center; margin: 0.75rem 0; gap: 1rem; flex-wrap: wrap; }
        dl.fields { display: grid; grid-template-columns: minmax(9rem, 14rem) 1fr; gap: 0; margin: 0; }
        dl.fields dt, dl.fields dd { padding: 0.45rem 0.5rem; border-bottom: 1px solid #eceef1; margin: 0; }
        dl.fields dt { font-weight: 600; color: #3d4551; }
        dl.fields dd, .option .value, .history .value { white-space: pre-line; }
        dl.fields .in-conflict { background: var(--warn-bg); }
        .form-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 0.9rem 1.5rem; }
        .form-grid .full { grid-column: 1 / -1; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1.25rem 1rem; margin: 0 0 1rem; background: var(--card); }
        legend { font-weight: 700; color: var(--navy); padding: 0 0.4rem; font-size: 1.05rem; }
        fieldset.choices { border: none; padding: 0; margin: 0; background: none; }
        fieldset.choices legend { font-size: 1rem; color: var(--ink); padding: 0; margin-bottom: 0.2rem; font-weight: 600; }
        .choices-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0 1rem; }
        .help { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0 0; }
        .error-text { color: var(--red); font-weight: 600; font-size: 0.9rem; margin: 0.2rem 0 0; }
        .field.has-error input, .field.has-error select, .field.has-error textarea { border: 2px solid var(--red); }
        .field.has-error { border-left: 4px solid var(--red); padding-left: 0.6rem; }
        .money { display: flex; align-items: stretch; }
        .money .unit { background: #eef1f5; border: 1px solid #8d9297; border-right: none; border-radius: 4px 0 0 4px;
          padding: 0.45rem 0.6rem; font-weight: 600; }
        .money input { border-radius: 0 4px 4px 0; }
        .conflict-field { border: 1px solid #f0c36d; border-radius: 8px; background: var(--warn-bg); padding: 0.75rem 1rem; margin-bottom: 1rem; }
        .conflict-field > legend, .conflict-field h3 { color: var(--warn); font-size: 1.05rem; margin: 0 0 0.5rem; }
        .options { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem; }
        .option { display: block; background: #fff; border: 2px solid var(--line); border-radius: 8px; padding: 0.6rem 0.8rem;
          font-weight: normal; cursor: pointer; margin: 0; }
        .option:has(input:checked) { border-color: var(--navy-2); box-shadow: 0 0 0 2px #c5d7f2; }
        .option .value { display: block; font-size: 1.1rem; font-weight: 700; margin: 0.2rem 0; word-break: break-word; }
        .option .meta { display: block; color: var(--muted); font-size: 0.85rem; }
        .option.new .field { margin-top: 0.4rem; }
        .report-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
        .report-list a.card { display: block; text-decoration: none; color: inherit; margin: 0; }
        .report-list a.card:hover { border-color: var(--navy-2); }
        .report-list h2 { margin-top: 0; font-size: 1.1rem; }
        .report-frame { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem; }
        .signin { max-width: 28rem; margin: 3rem auto; }
        .signin h1 { text-align: center; }
        .stack > * + * { margin-top: 0.9rem; }
        @media (max-width: 40rem) {
          main { padding: 0.75rem; }
          header.top { padding: 0.5rem 0.75rem; }
          .signout { margin-left: 0; width: 100%; justify-content: space-between; }
          dl.fields { grid-template-columns: 1fr; }
          dl.fields dt { border-bottom: none; padding-bottom: 0; }
          table.list .hide-small { display: none; }
          h1 { font-size: 1.35rem; }
        }
        @media print {
          header.top, footer, form.filters, .skip, .notice.done, .table-csv { display: none; }
          main { max-width: none; padding: 0; }
          .report-frame { border: none; padding: 0; }
        }
        """

    static let javascript = """
        "use strict";
        // Show only the track sections of the tracks that are ticked (the server checks anyway).
        function liaisonTracks() {
          var boxes = document.querySelectorAll('input[name="tracks"]');
          if (!boxes.length) return;
          var update = function () {
            var on = {};
            boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
            document.querySelectorAll('fieldset[data-track]').forEach(function (f) {
              f.hidden = !on[f.getAttribute('data-track')];
            });
          };
          boxes.forEach(function (b) { b.addEventListener('change', update); });
          update();
        }
        // Typing a new value in a conflict picks "a new value" for that field.
        function liaisonResolve() {
          document.querySelectorAll('[data-new-for]').forEach(function (box) {
            var radio = document.getElementById(box.getAttribute('data-new-for'));
            box.addEventListener('input', function () { if (radio) radio.checked = true; });
            box.addEventListener('change', function () { if (radio) radio.checked = true; });
          });
        }
        // Ask before a destructive button submits its form.
        function liaisonConfirm() {
          document.querySelectorAll('[data-confirm]').forEach(function (el) {
            el.addEventListener('click', function (e) {
              if (!window.confirm(el.getAttribute('data-confirm'))) e.preventDefault();
            });
          });
        }
        // A chosen CSV file is shown in the text box it names (and its name kept), and sent as its
        // bytes in base64 (csv_bytes) alone: the form would send the text box's line breaks as
        // CRLF, and sending both would double the request. Editing the text box sends the text
        // instead. A file over the page's limit (data-max-bytes) is refused when chosen.
        function liaisonCSVFile() {
          document.querySelectorAll('[data-csv-into]').forEach(function (input) {
            var box = document.getElementById(input.getAttribute('data-csv-into'));
            var bytes = document.getElementById('csv_bytes');
            var problem = document.getElementById('file-problem');
            var limit = Number(input.getAttribute('data-max-bytes'));
            var megabytes = function (n) { return (n / 1000000).toFixed(1) + ' MB'; };
            if (bytes && bytes.value) box.removeAttribute('name');
            box.addEventListener('input', function () {
              if (bytes) bytes.value = '';
              box.setAttribute('name', 'csv');
            });
            input.addEventListener('change', function () {
              var file = input.files && input.files[0];
              if (!file) return;
              if (problem) problem.hidden = true;
              if (limit && file.size > limit) {
                input.value = '';
                if (problem) {
                  problem.textContent = file.name + ' is ' + megabytes(file.size) + '; this page takes files up to ' +
                    megabytes(limit) + '. Import it with liaison import on the node, or in parts.';
                  problem.hidden = false;
                }
                return;
              }
              var reader = new FileReader();
              reader.onload = function () {
                var data = new Uint8Array(reader.result), binary = '';
                for (var i = 0; i < data.length; i += 32768) {
                  binary += String.fromCharCode.apply(null, data.subarray(i, i + 32768));
                }
                if (bytes) {
                  bytes.value = btoa(binary);
                  box.removeAttribute('name');
                }
                // Excel's Unicode Text is UTF-16, told by its byte-order mark.
                var encoding = data[0] === 0xFF && data[1] === 0xFE ? 'utf-16le' : data[0] === 0xFE && data[1] === 0xFF ? 'utf-16be' : 'utf-8';
                box.value = new TextDecoder(encoding).decode(data);
                var name = document.getElementById('name');
                if (name) name.value = file.name;
              };
              reader.readAsArrayBuffer(file);
            });
          });
        }
        document.addEventListener('DOMContentLoaded', function () { liaisonTracks(); liaisonResolve(); liaisonConfirm(); liaisonCSVFile(); });
        """
}
