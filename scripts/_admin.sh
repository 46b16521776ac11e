# Shared by the scripts: the browser editor at /admin/ (Sveltia CMS and its fonts) comes from npm,
# pinned in admin/package-lock.json. Without npm the site is built without /admin/.
if [ ! -f "$ROOT/admin/node_modules/@sveltia/cms/dist/sveltia-cms.js" ] && command -v npm >/dev/null; then
  echo "Installing the browser editor for /admin/ (npm ci --prefix admin)..."
  npm ci --prefix "$ROOT/admin" --no-audit --no-fund --loglevel=error
fi
