/**
 * The one HTML document every app path serves; router.js renders the view into it. Like the
 * real app, the page is empty until its script has fetched its data, so tests wait for
 * `body[data-ready="true"]` (or for the content itself).
 */

const STYLES = `
  :root { font-family: system-ui, sans-serif; color: #1f2937; }
  body { margin: 0; background: #f3f4f6; }
  .topbar { display: flex; gap: 16px; align-items: center; padding: 10px 16px; background: #155eef; color: #fff; }
  .topbar .brand { font-weight: 700; }
  .layout { display: flex; min-height: calc(100vh - 44px); }
  nav.side { width: 180px; padding: 12px; background: #111827; }
  nav.side a { display: block; padding: 8px; color: #e5e7eb; text-decoration: none; border-radius: 6px; }
  nav.side a[aria-current="page"] { background: #374151; }
  main { flex: 1; padding: 16px 24px; }
  .chip { display: inline-block; margin: 2px 4px 2px 0; padding: 2px 8px; border-radius: 999px; background: #e0e7ff; font-size: 13px; }
  table { border-collapse: collapse; background: #fff; width: 100%; }
  th, td { padding: 6px 8px; border-bottom: 1px solid #e5e7eb; text-align: left; }
  .banner { margin: 8px 0; padding: 8px 12px; background: #fef3c7; border-radius: 6px; }
  .conversations { display: flex; gap: 16px; }
  .conversations > ul { width: 280px; list-style: none; padding: 0; margin: 0; background: #fff; }
  .conversations li a[aria-current="page"] { font-weight: 700; }
  .message.inbound { text-align: left; } .message.outbound { text-align: right; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; list-style: none; padding: 0; }
  .cards article { background: #fff; padding: 12px; border-radius: 8px; }
`;

export function appShell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HighLevel</title>
<style>${STYLES}</style>
</head>
<body data-ready="false">
<div id="app" data-fake-ghl-app></div>
<script src="/fake-app/router.js"></script>
</body>
</html>
`;
}
